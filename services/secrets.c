/* secrets.c: second-factor secrets sealed at rest with a key kept outside the database */
#include "secrets.h"
#include "../core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARK "v1:"
#define KEY_HEX (crypto_aead_xchacha20poly1305_ietf_KEYBYTES * 2)

char *secrets_key_path(void)
{
	const char *set = getenv("RCPHUB_SECRET_KEY"), *config = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (set && *set)
		return xstrdup(set);
	if (config && *config)
		return xasprintf("%s/rcphub/secret.key", config);
	return xasprintf("%s/.config/rcphub/secret.key", home && *home ? home : ".");
}

/* Makes the directories above path (0700) as far as they are missing. */
static void make_parents(const char *path)
{
	char *dir = xstrdup(path);
	for (char *p = dir + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	free(dir);
}

/* Writes a new random key to path, unless another process just did. */
static int make_key(const char *path, char **err)
{
	make_parents(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? 0 : (*err = xasprintf("cannot make the secret key %s: %s", path,
							       strerror(errno)), -1);
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	char hex[KEY_HEX + 2];
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	sodium_memzero(key, sizeof key);
	hex[KEY_HEX] = '\n';
	int rc = write(fd, hex, KEY_HEX + 1) == KEY_HEX + 1 && fsync(fd) == 0 ? 0 : -1;
	sodium_memzero(hex, sizeof hex);
	close(fd);
	if (rc)
		*err = xasprintf("cannot write the secret key %s", path);
	return rc;
}

/* Reads the key (making it first when create and it is missing). */
static int read_key(unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES], int create, char **err)
{
	char *path = secrets_key_path();
	if (create && access(path, F_OK) != 0 && make_key(path, err)) {
		free(path);
		return -1;
	}
	char hex[KEY_HEX + 2] = { 0 };
	FILE *f = fopen(path, "re");
	size_t n = f ? fread(hex, 1, sizeof hex - 1, f) : 0;
	if (f)
		fclose(f);
	int rc = n >= KEY_HEX && sodium_hex2bin(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, hex, KEY_HEX, NULL,
						NULL, NULL) == 0 ? 0 : -1;
	sodium_memzero(hex, sizeof hex);
	if (rc)
		*err = xasprintf("cannot read the secret key %s (64 hex digits): %s", path,
				 f ? "malformed" : strerror(errno));
	free(path);
	return rc;
}

int secrets_is_sealed(const char *text)
{
	return text && strncmp(text, MARK, strlen(MARK)) == 0;
}

char *secrets_seal(const char *plain, const char *login, char **err)
{
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	if (read_key(key, 1, err))
		return NULL;
	size_t len = strlen(plain), boxed = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + len +
					   crypto_aead_xchacha20poly1305_ietf_ABYTES;
	unsigned char *box = xmalloc(boxed);
	randombytes_buf(box, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(box + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, NULL,
						   (const unsigned char *)plain, len, (const unsigned char *)login,
						   strlen(login), NULL, box, key);
	sodium_memzero(key, sizeof key);
	size_t b64 = sodium_base64_ENCODED_LEN(boxed, sodium_base64_VARIANT_ORIGINAL);
	char *out = xmalloc(strlen(MARK) + b64);
	strcpy(out, MARK);
	sodium_bin2base64(out + strlen(MARK), b64, box, boxed, sodium_base64_VARIANT_ORIGINAL);
	free(box);
	return out;
}

char *secrets_open(const char *sealed, const char *login, char **err)
{
	if (!secrets_is_sealed(sealed))
		return xstrdup(sealed);
	const char *b64 = sealed + strlen(MARK);
	size_t cap = strlen(b64), boxed = 0;
	unsigned char *box = xmalloc(cap + 1);
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	char *plain = NULL;
	unsigned long long len = 0;
	if (sodium_base642bin(box, cap, b64, cap, NULL, &boxed, NULL, sodium_base64_VARIANT_ORIGINAL) ||
	    boxed < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
		*err = xstrdup("a sealed secret is malformed");
	} else if (read_key(key, 0, err) == 0) {
		plain = xmalloc(boxed);
		if (crypto_aead_xchacha20poly1305_ietf_decrypt(
			    (unsigned char *)plain, &len, NULL, box + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
			    boxed - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, (const unsigned char *)login,
			    strlen(login), box, key)) {
			free(plain);
			plain = NULL;
			char *path = secrets_key_path();
			*err = xasprintf("a second-factor secret does not open with the key %s (the key it was sealed "
					 "with is another; see docs/deploy.md)", path);
			free(path);
		} else {
			plain[len] = '\0';
		}
		sodium_memzero(key, sizeof key);
	}
	free(box);
	return plain;
}
