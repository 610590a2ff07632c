/* secrets.h: second-factor secrets sealed at rest with a key kept outside the database */
#ifndef RCPHUB_SECRETS_H
#define RCPHUB_SECRETS_H

/* The key file: $RCPHUB_SECRET_KEY, else $XDG_CONFIG_HOME/rcphub/secret.key,
 * else ~/.config/rcphub/secret.key. Made (0600, 32 random bytes as hex)
 * the first time a secret is sealed. The caller frees the path. */
char *secrets_key_path(void);

/* plain sealed for login (XChaCha20-Poly1305, login as associated data,
 * so that a secret moved to another user does not open): "v1:" and the
 * nonce and cipher text in base64. NULL with *err (caller frees) when the
 * key cannot be read or made. */
char *secrets_seal(const char *plain, const char *login, char **err);

/* What sealed holds for login: the plain text (caller frees, wipes), or
 * NULL with *err when it does not open with this key. A text without the
 * "v1:" mark is one stored before secrets were sealed: returned as is. */
char *secrets_open(const char *sealed, const char *login, char **err);

/* Whether text is sealed (begins with "v1:"). */
int secrets_is_sealed(const char *text);

#endif
