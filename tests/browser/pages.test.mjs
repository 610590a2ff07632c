// pages.test.mjs: rcphub's pages in Debian's chromium, driven by Playwright, against a started server.
// usage: RCPHUB=path/to/rcphub node --test   (screenshots go to $SCREENSHOTS, default build/screenshots)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const rcphub = resolve(process.env.RCPHUB || '../../build/release/rcphub');
const shots = resolve(process.env.SCREENSHOTS || '../../build/screenshots');
const work = mkdtempSync(join(tmpdir(), 'rcphub-browser-'));
const env = { ...process.env, RCPHUB_DB: join(work, 'rcphub.db') };
const password = 'browser test password';
let server, base, browser;

const cli = (args, input) => execFileSync(rcphub, args, { env, input, encoding: 'utf8' });

function addUser(login, flag, party, process, role) {
  cli(['user', 'add', login, flag, party, '--password-stdin'], password + '\n');
  if (process) cli(['user', 'grant', login, process, role]);
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  cli(['init']);
  addUser('sec', '--org', 'IOM', 'bali', 'secretariat');
  addUser('observer', '--government', 'Canada', 'bali', 'observer');
  addUser('official', '--government', 'Thailand', 'bali', 'official');
  addUser('manila', '--government', 'Philippines', 'bali', 'focal-point');
  cli(['focal', 'add', 'bali', 'Philippines', '--name', 'Maria Santos', '--email', 'maria.santos@dfa.gov.ph',
       '--verified', '2024-01-15']);
  cli(['plan', 'add', 'bali', '--title', 'Regional Cooperation Framework plan', '--adopted', '2009-04-15',
       '--level', 'members']);
  cli(['plan', 'item', 'add', '1', '--text', 'Share trafficking data', '--owner', 'PHL', '--owner', 'THA',
       '--due', '2010-12-31']);
  for (const level of ['public', 'participants', 'members']) {
    cli(['doc', 'add', 'bali', '--title', `Bali ${level} paper`, '--level', level, '--kind', 'report',
         '--date', '2009-04-15']);
  }
  cli(['doc', 'add', 'bali', '--title', '<script>window.hacked = 1</script> Declaration', '--level', 'public']);
  cli(['indicator', 'add', 'bali', 'TIP_VICTIMS', '--name', 'Identified victims of trafficking', '--unit', 'PS',
       '--dimension', 'SEX=F+M']);
  writeFileSync(join(work, 'thailand.csv'), 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\n' +
    [2016, 2017, 2018, 2019].map((y, i) => `dataflow,IOM:TIP_VICTIMS(1.0),I,THA,F,${y},${300 + 20 * i}\n` +
      `dataflow,IOM:TIP_VICTIMS(1.0),I,THA,M,${y},${200 + 10 * i}\n`).join(''));
  cli(['stats', 'import', 'bali', join(work, 'thailand.csv')]);
  cli(['matrix', 'add', 'bali', 'Criminalising migrant smuggling', '--level', 'members']);
  cli(['matrix', 'question', 'add', '1', 'SMUGGLING_CRIME', '--text', 'Is migrant smuggling a crime of its own?',
       '--answers', 'no,bill before parliament,yes', '--ordered']);
  for (const [state, answer, day] of [['AUS', 'yes', '2002-06-01'], ['IDN', 'no', '2002-06-01'],
    ['THA', 'bill before parliament', '2004-03-01'], ['IDN', 'bill before parliament', '2006-09-01'],
    ['THA', 'yes', '2008-01-15'], ['IDN', 'yes', '2011-05-09']]) {
    cli(['matrix', 'answer', '1', 'SMUGGLING_CRIME', state, answer, '--date', day, '--source', 'national law']);
  }
  cli(['term', 'add', 'repatriation', '--lang', 'en', '--process', 'bali', '--definition',
       'The return of a person to their country of origin.']);
  cli(['term', 'add', 'rapatriement', '--lang', 'fr', '--process', 'bali', '--same-as', 'repatriation', '--definition',
       'Le retour d\'une personne dans son pays d\'origine.']);
  cli(['term', 'add', 'repatriation', '--lang', 'en', '--process', 'budapest', '--definition',
       'The removal of a person by the State.', '--contested', 'deportation']);
  server = spawn(rcphub, ['serve', '--listen', '127.0.0.1:0', '--threads', '2', '--second-factor', 'optional'], { env });
  base = await new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/[^ ]+?)\/ with/);
      if (m) ok(m[1]);
    });
    server.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

async function page(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const p = await context.newPage();
  p.on('dialog', () => assert.fail('a script ran a dialog'));
  return p;
}

async function signIn(p, login) {
  await p.goto(`${base}/login`);
  await p.fill('#login', login);
  await p.fill('#password', password);
  await p.click('form.stacked button[type=submit]');
  await p.waitForURL(`${base}/`);
}

test('the home page lists the processes by region', async () => {
  const p = await page();
  await p.goto(`${base}/`);
  assert.equal(await p.locator('h1').textContent(), 'Regional Consultative Processes on migration');
  const regions = await p.locator('main h2').allTextContents();
  assert.ok(regions.includes('Asia and Oceania') && regions.includes('Africa'), regions.join(', '));
  assert.equal(await p.locator('table.processes tbody tr').count(), 23);
  const bali = p.locator('tr', { has: p.locator('a', { hasText: 'Bali Process' }) });
  assert.match(await bali.textContent(), /2002/);
  assert.ok(regions.includes('Eurasia') && regions.includes('Africa and Europe'), regions.join(', '));
  await p.screenshot({ path: join(shots, 'home.png'), fullPage: true });
});

test('today\'s processes show their sources with addresses, and names as their sources write them', async () => {
  const p = await page();
  await p.goto(`${base}/processes/almaty-process`);
  const tkm = p.locator('table.participants tr', { hasText: 'Turkmenistan' });
  assert.equal(await tkm.count(), 2);
  const sources = await p.locator('section.sources').textContent();
  assert.match(sources, /https:\/\/www\.iom\.int\/almaty-process-refugee-protection-and-international-migration/);
  assert.match(sources, /as of 2023 \(inferred/);
  await p.goto(`${base}/processes/budapest-process`);
  assert.match(await p.locator('table.participants tr', { hasText: 'Türkiye' }).first().textContent(),
    /Turkey in the source/);
});

test('a process page shows members over time with their sources', async () => {
  const p = await page();
  await p.goto(`${base}/processes/apc`);
  const nz = p.locator('table.participants tr', { hasText: 'New Zealand' });
  assert.match(await nz.textContent(), /former/);
  assert.match(await nz.textContent(), /until 2003/);
  assert.match(await p.locator('section.sources').textContent(), /Migration Research Series No\. 38/);
  const members = p.locator('section#participants h3', { hasText: 'Members' });
  assert.match(await members.locator('sup.cite a').getAttribute('title'), /iom-mrs-38/, 'one source note for the members');
  assert.equal(await nz.locator('sup.cite').count(), 0, 'not one per row');
  await p.screenshot({ path: join(shots, 'process.png'), fullPage: false });
});

test('an unknown process gets a 404 page with close matches', async () => {
  const p = await page();
  const res = await p.goto(`${base}/processes/bali-proces`);
  assert.equal(res.status(), 404);
  await p.click('ul.suggestions a >> text=bali-process');
  assert.equal(new URL(p.url()).pathname, '/processes/bali-process');
});

test('the map colours a process\'s members and keeps small states findable', async () => {
  const p = await page();
  await p.goto(`${base}/map?process=bali`);
  assert.equal(await p.locator('figure.map svg use').count() > 200, true);
  const nauru = p.locator('figure.map circle.marker title', { hasText: 'Nauru' });
  assert.equal(await nauru.count(), 1, 'Nauru has a marker');
  assert.match(await p.locator('figure.map use title', { hasText: 'Indonesia' }).textContent(), /member/);
  const indonesia = await p.locator('figure.map a[href="/states/IDN"] use').boundingBox();
  assert.ok(indonesia.width > 40 && indonesia.height > 10, `Indonesia is drawn from the shared outlines: ${JSON.stringify(indonesia)}`);
  await p.screenshot({ path: join(shots, 'map.png'), fullPage: false });
  await p.selectOption('#map-process', '');
  await p.click('form.inline-form button');
  assert.match(await p.locator('h1').textContent(), /How many processes/);
});

test('the heatmap leads to a comparison', async () => {
  const p = await page();
  await p.goto(`${base}/overlap?order=similarity`);
  const cell = p.locator('svg.heatmap a', { has: p.locator('title', { hasText: 'Bali Process and APC:' }) });
  assert.match(await cell.locator('title').textContent(), /Jaccard 0\.75, 33 member governments/);
  await p.screenshot({ path: join(shots, 'overlap.png'), fullPage: false });
  await cell.locator('rect').click();
  await p.waitForURL(/\/compare\?/);
  assert.match(await p.locator('.jaccard').textContent(), /0\.750 \(33 shared/);
});

test('an observer and a member official see different papers', async () => {
  const seen = {};
  for (const who of ['observer', 'official']) {
    const p = await page();
    await signIn(p, who);
    await p.goto(`${base}/processes/bali`);
    seen[who] = await p.locator('ul.documents a').allTextContents();
  }
  assert.ok(seen.observer.includes('Bali participants paper'));
  assert.ok(!seen.observer.includes('Bali members paper'), 'observers do not see members-only papers');
  assert.ok(seen.official.includes('Bali members paper'));
  const anon = await page();
  await anon.goto(`${base}/processes/bali`);
  const titles = await anon.locator('ul.documents a').allTextContents();
  assert.ok(titles.includes('Bali public paper') && !titles.includes('Bali participants paper'));
});

test('the search box finds words in goals, plans and indicators, marked, and only what the reader may read', async () => {
  const anon = await page(390);
  await anon.goto(`${base}/`);
  await anon.fill('#site-q', 'Intelligence sharing');
  await anon.press('#site-q', 'Enter');
  await anon.waitForURL(/\/search\?q=Intelligence/);
  const goal = anon.locator('ul.hits li', { has: anon.locator('a[href="/processes/bali-process#goals"]') });
  assert.deepEqual(await goal.locator('mark').allTextContents(), ['intelligence', 'sharing']);
  await anon.screenshot({ path: join(shots, 'search-phone.png'), fullPage: true });
  const found = {};
  for (const who of ['observer', 'official']) {
    const p = await page();
    await signIn(p, who);
    await p.goto(`${base}/search?q=trafficking`);
    found[who] = await p.locator('ul.hits li > a').allTextContents();
  }
  assert.ok(found.official.includes('Regional Cooperation Framework plan'), 'the members\' plan, by an item\'s words');
  assert.ok(found.official.includes('Identified victims of trafficking'), 'an indicator by its name');
  assert.ok(!found.observer.includes('Regional Cooperation Framework plan'), 'an observer does not find the members\' plan');
});

test('a process page as of a year offers its table as CSV and Excel and says how to cite it', async () => {
  const p = await page();
  await p.goto(`${base}/processes/apc?at=2002`);
  assert.match(await p.locator('p.cite').textContent(), /^Cite as: rcphub, APC as of 2002, retrieved \d{4}-\d\d-\d\d, http:\/\/.+\/processes\/apc\?at=2002$/);
  const [excel] = await Promise.all([p.waitForEvent('download'), p.click('p.downloads a:text("Excel")')]);
  assert.equal(excel.suggestedFilename(), 'apc-participants-2002.xlsx');
  const [csv] = await Promise.all([p.waitForEvent('download'), p.click('p.downloads a:text("CSV")')]);
  const text = await new Promise((ok) => {
    const chunks = [];
    csv.createReadStream().then((s) => s.on('data', (c) => chunks.push(c)).on('end', () => ok(Buffer.concat(chunks).toString())));
  });
  assert.match(text, /^"New Zealand","NZL","government","member","former","",2003,/m);
});

test('a paper\'s picture opens in the browser, and its file is removed on the edit page', async () => {
  writeFileSync(join(work, 'chart.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  const id = cli(['doc', 'add', 'bali', '--title', 'Chart of arrivals', '--level', 'public', '--file', join(work, 'chart.png')])
    .match(/added document (\d+)/)[1];
  const p = await page();
  await signIn(p, 'sec');
  await p.goto(`${base}/documents/${id}/file`);
  assert.equal(await p.evaluate(() => document.querySelector('img')?.naturalWidth), 1, 'the picture is shown, not saved');
  await p.goto(`${base}/documents/${id}/edit`);
  assert.match(await p.locator('p.attached').textContent(), /Attached now: chart\.png \(\d+ bytes\)/);
  await p.check('input[name=remove_file]');
  await p.click('form.stacked button[type=submit]');
  await p.waitForURL(new RegExp(`/documents/${id}$`));
  assert.equal(await p.locator('dl.facts dt', { hasText: 'File' }).count(), 0, 'the file is gone');
  assert.match(await p.locator('dl.facts').textContent(), /Version2, changed \d{4}-\d\d-\d\d by sec \(every version\)/);
});

test('a form with an error keeps what was typed and says what is wrong', async () => {
  const p = await page();
  await signIn(p, 'sec');
  await p.goto(`${base}/processes/bali`);
  await p.click('a.button >> text=Add a document');
  await p.fill('#title', 'Minutes of the senior officials');
  await p.fill('#date', '2009-04-14');
  await p.fill('#state', 'Atlantis');
  await p.click('form.stacked button[type=submit]');
  assert.equal(await p.locator('#title').inputValue(), 'Minutes of the senior officials');
  assert.equal(await p.locator('#date').inputValue(), '2009-04-14');
  assert.match(await p.locator('#state-error').textContent(), /no country or territory matches "Atlantis"/);
  assert.equal(await p.locator('#state').getAttribute('aria-invalid'), 'true');
  await p.screenshot({ path: join(shots, 'form-error.png'), fullPage: false });
  await p.fill('#state', '');
  await p.click('form.stacked button[type=submit]');
  await p.waitForURL(/\/documents\/\d+$/);
  assert.equal(await p.locator('h1').textContent(), 'Minutes of the senior officials');
  // deleting asks first, and says so afterwards
  const paper = p.url().match(/\/documents\/(\d+)$/)[1];
  await p.click('a.button >> text=Delete…');
  assert.match(await p.locator('h1').textContent(), /Delete “Minutes of the senior officials”\?/);
  await p.click('a.button >> text=Keep it');
  await p.waitForURL(new RegExp(`/documents/${paper}$`));
  await p.click('a.button >> text=Delete…');
  await p.click('button >> text=Delete it');
  await p.waitForURL(/\/documents\?deleted=\d+$/);
  assert.equal(await p.locator('p.notice').textContent(), `Paper ${paper} is deleted.`);
});

test('record text never becomes markup', async () => {
  const p = await page();
  await p.goto(`${base}/processes/bali`);
  const link = p.locator('ul.documents a', { hasText: 'Declaration' });
  assert.match(await link.textContent(), /<script>window\.hacked = 1<\/script>/);
  assert.equal(await p.evaluate(() => window.hacked), undefined);
  await p.goto(`${base}/search?q=${encodeURIComponent('"><img src=x onerror=window.hacked=2>')}`);
  assert.equal(await p.evaluate(() => window.hacked), undefined);
});

test('the keyboard reaches the content first, and a phone needs no sideways scrolling', async () => {
  const p = await page(375);
  await p.goto(`${base}/processes/bali`);
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.textContent), 'Skip to content');
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
  const header = await p.locator('header.site').boundingBox();
  assert.ok(header.height <= 120, `the header is compact on a phone: ${header.height}px`);
  assert.equal(await p.locator('header.site nav a[aria-current="page"]').textContent(), 'Processes');
  // the participants stack, one block each, every value named; no year or word broken between letters
  const row = p.locator('table.participants tr', { has: p.locator('a[href="/states/AUS"]') }).first();
  assert.equal(await row.evaluate((tr) => getComputedStyle(tr).display), 'block');
  assert.match(await row.innerText(), /^Australia\s*\n\s*government\s*active/, 'the name, then what it is on one line');
  const lines = await row.evaluate((tr) => Math.round(tr.getBoundingClientRect().height / parseFloat(getComputedStyle(tr).lineHeight)));
  assert.ok(lines <= 3, `a participant takes ${lines} lines`);
  const broken = await p.evaluate(() => [...document.querySelectorAll('main td, main th')].filter((cell) => {
    const range = document.createRange();
    for (const node of cell.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      for (const m of node.textContent.matchAll(/[^\s-]+/g)) {  // a line may end at a hyphen
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (range.getClientRects().length > 1) return true;
      }
    }
    return false;
  }).map((cell) => cell.textContent));
  assert.deepEqual(broken, [], 'no word split across lines');
  const tall = await p.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(tall < 9500, `the Bali Process's page is ${tall}px tall on a phone (12,000 when its tables broke words)`);
  await p.evaluate(() => document.activeElement.blur());
  await p.screenshot({ path: join(shots, 'process-phone.png'), fullPage: false });
  // a table of contents leads to each section
  await p.click('nav.contents a[href="#goals"]');
  assert.equal(await p.evaluate(() => location.hash), '#goals');
});

test('an assessment shows evidence by phase and the lessons, prints without the site around it, and fits a phone', async () => {
  const p = await page();
  await p.goto(`${base}/processes/igc/assessment`);
  assert.match(await p.locator('h1').textContent(), /^Assessment of Inter-governmental Consultations on Migration, Asylum and Refugees, as of \d{4}-\d\d-\d\d$/);
  assert.deepEqual(await p.locator('article.assessment h3').allTextContents(), ['1. Agenda setting and issue definition',
    '2. Consensus building and position convergence', '3. Changes in law, policy and practice']);
  assert.match(await p.locator('ul.evidence li', { hasText: 'Ireland' }).first().innerText(), /section 3 \(ii\) Creating networks/);
  assert.equal(await p.locator('table.lessons tbody tr').count(), 11);
  assert.equal(await p.locator('table.lessons tr', { hasText: 'Knit your networks' }).locator('td').first().textContent(), 'no records');
  await p.screenshot({ path: join(shots, 'assessment.png'), fullPage: false });
  await p.emulateMedia({ media: 'print' });
  assert.equal(await p.locator('header.site').isVisible(), false, 'the site header is not printed');
  assert.equal(await p.locator('table.lessons').isVisible(), true);
  const pdf = await p.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const phone = await page(390);
  await phone.goto(`${base}/processes/igc/assessment`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the assessment is ${overflow}px wider than the phone`);
});

test('a focal point keeps their own entry current in the directory', async () => {
  const p = await page();
  await signIn(p, 'manila');
  await p.goto(`${base}/processes/bali-process`);
  await p.click('a[href="/processes/bali-process/focal-points"]');
  const row = p.locator('table.focal-points tbody tr', { hasText: 'Maria Santos' });
  assert.equal(await row.locator('td.stale').textContent(), '2024-01-15');
  await row.locator('a', { hasText: 'Change' }).click();
  await p.fill('#email', 'not an address');
  await p.fill('#verified', '2026-11-01');
  await p.click('form.stacked button[type=submit]');
  assert.equal(await p.locator('#email').getAttribute('aria-invalid'), 'true');
  assert.match(await p.locator('#email-error').textContent(), /is not an email address/);
  await p.fill('#email', 'm.santos@dfa.gov.ph');
  await p.fill('#languages', 'en, tl');
  await p.click('form.stacked button[type=submit]');
  await p.waitForURL(`${base}/processes/bali-process/focal-points`);
  const updated = p.locator('table.focal-points tbody tr', { hasText: 'Maria Santos' });
  assert.match(await updated.textContent(), /m\.santos@dfa\.gov\.ph/);
  assert.match(await updated.textContent(), /en, tl/);
  assert.equal(await updated.locator('td.stale').count(), 0);
  await p.screenshot({ path: join(shots, 'focal-points.png'), fullPage: true });
});

test('a secretariat adds a meeting and records a delegation in the browser', async () => {
  const p = await page();
  await signIn(p, 'sec');
  await p.goto(`${base}/processes/bali-process/meetings`);
  await p.fill('#title', 'Ad Hoc Group Senior Officials Meeting');
  await p.selectOption('#type', 'senior-officials');
  await p.fill('#series', 'Ad Hoc Group SOM');
  await p.fill('#host', 'Indonesia');
  await p.fill('#start', '2009-04-13');
  await p.fill('#end', '2009-04-12');
  await p.click('form.stacked button[type=submit]');
  assert.equal(await p.locator('#end').getAttribute('aria-invalid'), 'true');
  assert.match(await p.locator('#end-error').textContent(), /before the first day/);
  await p.fill('#end', '2009-04-14');
  await p.click('form.stacked button[type=submit]');
  await p.waitForURL(/\/meetings\/\d+$/);
  assert.equal(await p.locator('h1').textContent(), 'Ad Hoc Group Senior Officials Meeting');
  await p.fill('#delegate-party', 'Thailand');
  await p.fill('#delegate-name', 'Somchai Prasert');
  await p.selectOption('#delegate-rank', 'senior');
  await p.selectOption('#delegate-department', 'foreign-affairs');
  await p.click('form.stacked button[type=submit]');
  await p.waitForURL(/\/meetings\/\d+$/);
  const row = p.locator('table tbody tr', { hasText: 'Somchai Prasert' });
  assert.match(await row.textContent(), /Thailand.*senior.*foreign-affairs/);
  // a paper of the library attached by its number
  await p.fill('#document', '1');
  await p.click('form[action$="/documents"] button[type=submit]');
  await p.waitForURL(/\/meetings\/\d+$/);
  assert.match(await p.locator('ul.documents').textContent(), /Bali public paper/);
  // the minutes: a draft, circulated for comment, then final and locked
  await p.fill('#body', '# Minutes\n\nThe co-chairs opened the meeting.');
  await p.click('button[value=save]');
  await p.waitForURL(/\/meetings\/\d+$/);
  assert.match(await p.locator('article.minutes h3').textContent(), /draft/);
  await p.click('button[value=circulated]');
  await p.waitForURL(/\/meetings\/\d+$/);
  await p.click('button[value=final]');
  await p.waitForURL(/\/meetings\/\d+$/);
  assert.match(await p.locator('article.minutes h3').textContent(), /final/);
  assert.equal(await p.locator('article.minutes h1').textContent(), 'Minutes');
  await p.fill('#body', 'A change after the fact');
  await p.click('button[value=save]');
  assert.match(await p.locator('#body-error').textContent(), /final; changes go in a corrigendum/);
  await p.click('button[value=corrigendum]');
  await p.waitForURL(/\/meetings\/\d+$/);
  assert.equal(await p.locator('article.minutes').count(), 2);
  await p.goto(`${base}/processes/bali-process/meetings`);
  assert.match(await p.locator('main').textContent(), /Ad Hoc Group SOM, no\. 1/);
  await p.screenshot({ path: join(shots, 'meetings.png'), fullPage: true });
});

test('a focal point reports progress in the browser and the plan shows it', async () => {
  const p = await page();
  await signIn(p, 'manila');
  await p.goto(`${base}/processes/bali-process/owe`);
  assert.match(await p.locator('h1').textContent(), /What PHL owes in Bali Process/);
  const form = p.locator('section.owed form');
  await form.locator('select[name=status]').selectOption('done');
  await form.locator('input[name=date]').fill('2010-06-01');
  await form.locator('textarea[name=note]').fill('Agreement signed');
  await form.locator('button[type=submit]').click();
  await p.waitForURL(`${base}/processes/bali-process/owe`);
  assert.match(await p.locator('section.owed p.meta').textContent(), /now: done/);
  await p.goto(`${base}/plans/1?at=2011-01-01`);
  const row = p.locator('table.grid tbody tr', { hasText: 'Philippines' });
  assert.equal(await row.locator('td').first().getAttribute('class'), 'status-done');
  const thailand = p.locator('table.grid tbody tr', { hasText: 'Thailand' });
  assert.match(await thailand.locator('td').first().textContent(), /overdue/);
  await p.screenshot({ path: join(shots, 'plan.png'), fullPage: true });
});

test('a focal point uploads statistics in the browser, is told what is wrong, then sees them charted', async () => {
  const p = await page();
  await signIn(p, 'manila');
  await p.goto(`${base}/processes/bali-process/statistics`);
  const rows = (file) => 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA: Reference area,SEX,TIME_PERIOD,OBS_VALUE\r\n' +
    file.map(([sex, year, value]) => `dataflow,IOM:TIP_VICTIMS(1.0),I,PH: Philippines,${sex},${year},${value}\r\n`).join('');
  const upload = async (name, text) => {
    await p.setInputFiles('#upload-file', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await p.click('form[enctype="multipart/form-data"] button[type=submit]');
  };
  await upload('philippines.csv', rows([['F', 2017, 410], ['F', '2018-Q1', 5], ['X', 2018, 7]]));
  assert.match(await p.locator('h1').textContent(), /philippines\.csv: not imported/);
  const problems = p.locator('table.problems tbody tr');
  assert.equal(await problems.count(), 2);
  assert.match(await problems.nth(0).textContent(), /^3\s*6 \(TIME_PERIOD\).*does not fit TIP_VICTIMS's periodicity A/);
  assert.match(await problems.nth(1).textContent(), /^4\s*5 \(SEX\).*"X" is not a code of SEX/);
  await p.screenshot({ path: join(shots, 'statistics-upload.png'), fullPage: false });
  await p.goto(`${base}/processes/bali-process/statistics`);
  await upload('philippines.csv', rows([['F', 2017, 410], ['F', 2018, 455], ['M', 2017, 150], ['M', 2018, 171]]));
  assert.match(await p.locator('h1').textContent(), /philippines\.csv: imported/);
  await p.goto(`${base}/processes/bali-process/statistics/TIP_VICTIMS`);
  const ph = p.locator('table.values tbody tr', { hasText: 'Philippines · F' });
  assert.deepEqual(await ph.locator('td').allTextContents(), ['', '410', '455', '']);
  assert.equal(await p.locator('figure.chart polyline').count(), 4);
  assert.equal(await p.locator('figure.map use[fill="#e4e4e4"]').count() > 100, true);
  assert.match(await p.locator('ul.findings').textContent(), /silent\s+\d+ member states report nothing/);
  await p.screenshot({ path: join(shots, 'statistics.png'), fullPage: true });
});

test('a focal point records an answer in a policy matrix and sees the members converge', async () => {
  const p = await page();
  await signIn(p, 'manila');
  await p.goto(`${base}/matrices/1`);
  const form = p.locator('form[action="/matrices/1/answers"]');
  assert.deepEqual(await form.locator('select[name=state] option').allTextContents(), ['Philippines']);
  await form.locator('input[name=answer]').fill('yes');
  await form.locator('input[name=date]').fill('2009-04-01');
  await form.locator('button[type=submit]').click();
  await p.waitForURL(`${base}/matrices/1`);
  const row = p.locator('table.matrix tbody tr', { hasText: 'Philippines' });
  assert.match(await row.locator('td').textContent(), /^yes since 2009-04-01/);
  const last = p.locator('table.convergence tbody tr').last();
  assert.deepEqual((await last.locator('td').allTextContents()).slice(0, 1), ['2011']);
  assert.match(await p.locator('ul.movers').textContent(), /Indonesia moved toward the majority on 2011-05-09/);
  await p.screenshot({ path: join(shots, 'matrix.png'), fullPage: true });
});

test('a term compared across processes and languages', async () => {
  const p = await page();
  await p.goto(`${base}/glossary?q=REPATRIATION`);
  assert.equal(await p.locator('ul.glossary li').count(), 2);
  await p.click('ul.glossary li a >> nth=0');
  assert.match(await p.locator('h1').textContent(), /repatriation/);
  const rows = p.locator('table.compare-terms tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /Bali Process.*return of a person.*rapatriement/s);
  assert.match(await rows.nth(1).textContent(), /contested by: deportation.*removal of a person/s);
  await p.screenshot({ path: join(shots, 'glossary.png'), fullPage: false });
});

test('a secretariat records a new member and a new co-chair in the browser, each with its source', async () => {
  const p = await page();
  await signIn(p, 'sec');
  await p.goto(`${base}/processes/bali-process`);
  await p.click('a:has-text("Edit the registry")');
  await p.fill('#part-party', 'Uzbekistan');
  await p.selectOption('#part-role', 'member');
  await p.fill('#part-since', '2025');
  await p.fill('#part-source', 'Ministerial Declaration (test)');
  await p.fill('#part-section', 'Participants');
  await p.fill('#part-as_of', '2025-02-10');
  await p.click('button:has-text("Record a participant")');
  await p.waitForURL(/\/processes\/bali-process#participants$/);
  assert.match(await p.locator('table.participants tr', { hasText: 'Uzbekistan' }).textContent(), /since 2025/);
  await p.goto(`${base}/processes/bali-process/registry/edit`);
  await p.fill('#post-party', 'Atlantis');
  await p.fill('#post-source', 'Ministerial Declaration (test)');
  await p.fill('#post-section', 'Co-Chairs');
  await p.fill('#post-as_of', '2025');
  await p.click('button:has-text("Record a leadership post")');
  assert.match(await p.locator('#post-party-error').textContent(), /no state, territory or organisation matches "Atlantis"/);
  await p.fill('#post-party', 'New Zealand');
  await p.selectOption('#post-post', 'co-chair');
  await p.fill('#post-since', '2025');
  await p.click('button:has-text("Record a leadership post")');
  await p.waitForURL(/#leadership$/);
  assert.match(await p.locator('main').textContent(), /co-chair\s*New Zealand/i);
  const then = await (await p.request.get(`${base}/api/v1/processes/bali?at=2024`)).json();
  assert.ok(!then.participants.some((x) => x.code === 'UZB'), 'not shown for 2024, before it joined');
  await p.goto(`${base}/processes/bali-process/registry/edit`);
  await p.selectOption('#end-fact', { label: 'New Zealand (co-chair)' });
  await p.fill('#end-until', '2026');
  await p.fill('#end-source', 'Ministerial Declaration (test)');
  await p.fill('#end-section', 'Co-Chairs');
  await p.fill('#end-as_of', '2026');
  await p.click('button:has-text("End the fact")');
  await p.waitForURL(/\/processes\/bali-process\/history$/);
  const rows = await p.locator('table.history tbody tr').allTextContents();
  assert.equal(rows.length, 3);
  assert.match(rows[0], /sec.*end post.*co-chair: New Zealand \(NZL\), 2025-2026/);
  assert.match(rows[1], /sec.*add post.*New Zealand.*Ministerial Declaration \(test\), Co-Chairs, as of 2025/);
  assert.match(rows[2], /add participation.*Uzbekistan \(UZB\): member, active, 2025-/);
  // a fact that was wrong: corrected from the same page, the form showing it as it reads
  await p.goto(`${base}/processes/bali-process/registry/edit`);
  await p.selectOption('#correct-fact', { label: 'Uzbekistan (member)' });
  await p.click('button:has-text("Correct it")');
  assert.equal(await p.inputValue('#correct-party'), 'UZB');
  assert.equal(await p.inputValue('#correct-since'), '2025');
  await p.fill('#correct-since', '2024');
  await p.fill('#correct-source', 'Ministerial Declaration (test)');
  await p.fill('#correct-section', 'Participants');
  await p.fill('#correct-as_of', '2025-02-10');
  await p.click('button:has-text("Correct the fact")');
  await p.waitForURL(/\/processes\/bali-process\/history$/);
  assert.match(await p.locator('table.history tbody tr').first().textContent(),
    /sec.*correct participation.*Uzbekistan \(UZB\): member, active, 2025-.*Uzbekistan \(UZB\): member, active, 2024-/);
  const now = await (await p.request.get(`${base}/api/v1/processes/bali?at=2024`)).json();
  assert.ok(now.participants.some((x) => x.code === 'UZB' && x.attested !== false), 'a member in 2024 once corrected');
});

// axe-core (npm), run in the page on every kind of page, anonymous and signed in, at desktop and phone sizes.
const axeSource = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const checkedPages = ['/', '/processes', '/states', '/organisations', '/documents', '/processes/bali-process',
  '/processes/apc?at=2002', '/states/VNM', '/organisations/iom', '/overlap', '/map?process=bali', '/map',
  '/compare?a=bali&b=apc', '/search?q=intelligence', '/search?q=pueblo', '/glossary', '/glossary/repatriation',
  '/processes/bali/meetings', '/processes/bali/plans', '/plans/1', '/processes/bali/statistics',
  '/processes/bali/statistics/TIP_VICTIMS', '/processes/bali/matrices', '/matrices/1', '/processes/bali/history',
  '/processes/igc/assessment', '/processes/rcm/assessment?at=2009', '/assessment',
  '/assessment/duplication', '/assessment/duplication?a=bali&b=apc', '/login', '/processes/nowhere'];
const signedPages = ['/account', '/processes/bali/focal-points', '/processes/bali/registry/edit', '/processes/bali/owe',
  '/processes/bali/documents/new', '/documents/1', '/documents/1/edit', '/admin/users', '/audit',
  '/processes/bali/assessment'];

async function axeViolations(p) {
  await p.evaluate(axeSource);
  const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe-core finds nothing serious or critical on any page, at desktop and phone sizes', async () => {
  const found = [];
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const p = await context.newPage();
    for (const path of checkedPages) {
      await p.goto(`${base}${path}`);
      for (const v of await axeViolations(p)) found.push(`${width}px ${path}: ${v}`);
    }
    await signIn(p, 'sec');
    for (const path of signedPages.concat(['/processes/bali-process', '/processes/bali/meetings'])) {
      await p.goto(`${base}${path}`);
      for (const v of await axeViolations(p)) found.push(`${width}px ${path} (secretariat): ${v}`);
    }
    await context.close();
  }
  assert.deepEqual(found, []);
});
