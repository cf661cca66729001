// Drives code-server in Debian's Chromium: the lockstep finding must reach the Problems panel,
// the hover must show the lock, the status bar the file's strongest lock, and a migration typed
// into an untitled SQL buffer must be linted too. Screenshots go to --out.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(path.join(process.env.PW_MODULES ?? '.', 'x.js'));
const { chromium } = require('playwright-core');

const { values: opt } = parseArgs({
  options: { url: { type: 'string' }, chromium: { type: 'string' }, out: { type: 'string' }, profile: { type: 'string' } },
});
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 180000);
const RULE = 'require-concurrent-index-creation';

const context = await chromium.launchPersistentContext(opt.profile, {
  executablePath: opt.chromium,
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(TIMEOUT);
const shot = (name) => page.screenshot({ path: path.join(opt.out, name) });
const step = (s) => console.log(`[e2e] ${s}`);

let failed = false;
try {
  step(`opening ${opt.url}`);
  await page.goto(opt.url);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();

  step('opening the migration with quick open');
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const quickInput = page.locator('.quick-input-widget input');
  await quickInput.waitFor();
  await quickInput.fill('20240201000000_email_index/migration.sql');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
  const line = page.locator('.monaco-editor .view-line', { hasText: 'CREATE INDEX' }).first();
  await line.waitFor();

  step('waiting for the diagnostic in the Problems panel');
  await page.keyboard.press('Control+Shift+M');
  const marker = page.locator('.markers-panel .monaco-tl-row', { hasText: 'SHARE lock on "User"' }).first();
  await marker.waitFor();
  const markerText = await page.locator('.markers-panel').innerText();
  if (!markerText.includes(RULE)) {
    throw new Error(`Problems panel lacks the rule id ${RULE}:\n${markerText}`);
  }
  step(`Problems panel: ${markerText.replace(/\s+/g, ' ').slice(0, 200)}`);

  step('waiting for the status bar to show the strongest lock');
  const status = page.locator('.statusbar-item', { hasText: /SHARE/ }).first();
  await status.waitFor({ timeout: 60000 });
  step(`status bar: ${(await status.innerText()).trim()}`);

  step('hovering the statement');
  const box = await line.boundingBox();
  await page.mouse.move(box.x + 60, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /SHARE/ }).first();
  try {
    await hover.waitFor({ timeout: 30000 });
  } catch {
    // Fall back to the keyboard: put the cursor in the statement and show the hover.
    await page.mouse.click(box.x + 60, box.y + box.height / 2);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.waitFor({ timeout: 30000 });
  }
  const hoverText = await hover.innerText();
  if (!/SHARE/.test(hoverText) || !/"?User"?/.test(hoverText)) {
    throw new Error(`hover does not show the lock on "User":\n${hoverText}`);
  }
  step(`hover: ${hoverText.replace(/\s+/g, ' ').slice(0, 200)}`);
  await shot('code-server-lockstep.png');
  step(`screenshot: ${path.join(opt.out, 'code-server-lockstep.png')}`);

  const command = async (title) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await quickInput.waitFor();
    await quickInput.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  };

  step('running "lockstep: Show plan for statement" on the CREATE INDEX');
  await page.mouse.click(box.x + 60, box.y + box.height / 2);
  await command('lockstep: Show plan for statement');
  const planTitle = page.locator('.monaco-editor .view-line', { hasText: '# lockstep: statement' }).first();
  await planTitle.waitFor({ timeout: 90000 });
  const visibleText = async () =>
    (await page.locator('.monaco-editor .view-line').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
  const planText = await visibleText();
  if (!planText.includes('**SHARE** on `public.User`') || !planText.includes(`error: ${RULE}`)) {
    throw new Error(`the plan document lacks the lock or the finding:\n${planText}`);
  }
  step(`plan: ${planText.replace(/\s+/g, ' ').slice(0, 160)}`);
  await shot('code-server-plan.png');
  await page.keyboard.press('Control+End');
  await page.locator('.monaco-editor .view-line', { hasText: /\*\*Fix:\*\*/ }).first().waitFor({ timeout: 30000 });
  step('the plan document ends with a finding\'s fix');

  step('running "lockstep: Lint workspace migrations"');
  await command('lockstep: Lint workspace migrations');
  const toast = page.locator('.notifications-toasts', { hasText: /lockstep: shop: 1 error, \d+ warnings? in 2 files/ }).first();
  await toast.waitFor({ timeout: 90000 });
  step(`notification: ${(await toast.innerText()).replace(/\s+/g, ' ').slice(0, 160)}`);

  step('typing a migration into an untitled SQL buffer');
  // not "File: Compare New Untitled Text Files", which the palette may list first
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await quickInput.waitFor();
  await quickInput.fill('>File: New Untitled Text File');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /^\s*File: New Untitled Text File/ }).first().click();
  await command('Change Language Mode');
  await quickInput.fill('SQL');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /\(sql\)/ }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.type('ALTER TABLE "Account" ADD COLUMN "age" INT NOT NULL;');
  const untitledMarker = page.locator('.markers-panel .monaco-tl-row', { hasText: 'NOT NULL without a default' }).first();
  try {
    await untitledMarker.waitFor({ timeout: 30000 });
  } catch {
    await page.keyboard.press('Control+Shift+M');
    await untitledMarker.waitFor({ timeout: 60000 });
  }
  // VS Code names an untitled buffer after its first line in the Problems panel
  const untitledText = await page.locator('.markers-panel').innerText();
  if (!untitledText.includes('ALTER TABLE "Account"') || !untitledText.includes('adding-required-column')) {
    throw new Error(`Problems panel lacks the untitled buffer's finding:\n${untitledText}`);
  }
  step(`Problems panel: ${untitledText.replace(/\s+/g, ' ').slice(0, 240)}`);
  await shot('code-server-untitled.png');
} catch (e) {
  failed = true;
  console.error(`[e2e] FAILED: ${e?.stack ?? e}`);
  await shot('code-server-failure.png').catch(() => {});
  console.error(`[e2e] failure screenshot: ${path.join(opt.out, 'code-server-failure.png')}`);
} finally {
  await context.close();
}
process.exit(failed ? 1 : 0);
