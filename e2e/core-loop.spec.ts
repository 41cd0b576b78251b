import { expect, test as base, type Dialog, type Page } from '@playwright/test';
import { AFTER_SIGN_UP_PATH, fillSignUp, signUpHere, uniqueEmail } from './accounts';
import { grantAdmin } from './database';

/**
 * The core loop after sign-up, asserted on what a person sees: onboarding, settings, the vibe
 * studio with its live prompt preview and presets, and the admin atom library.
 */

const test = base.extend<{ origin: string }>({
  origin: async ({ baseURL }, provide) => {
    if (!baseURL) throw new Error('baseURL is not configured');
    await provide(new URL(baseURL).origin);
  },
});

const SLIDER_NAMES = { playfulness: 'Playfulness', revenueFocus: 'Revenue focus', investorPerspective: 'Investor perspective' } as const;
type SliderKey = keyof typeof SLIDER_NAMES;

function slider(page: Page, key: SliderKey) {
  return page.getByRole('slider', { name: SLIDER_NAMES[key], exact: true });
}

/** The number shown next to a slider. */
function sliderOutput(page: Page, key: SliderKey) {
  return page.getByTestId(`${key}-value`);
}

/** Moves a slider (a range input) to a value and waits until the page shows it. */
async function setSlider(page: Page, key: SliderKey, value: number): Promise<void> {
  await slider(page, key).fill(String(value));
  await expect(sliderOutput(page, key)).toHaveText(String(value));
}

async function expectSliders(page: Page, values: Record<SliderKey, number>): Promise<void> {
  for (const key of Object.keys(values) as SliderKey[]) {
    await expect(sliderOutput(page, key)).toHaveText(String(values[key]));
    await expect(slider(page, key)).toHaveValue(String(values[key]));
  }
}

function accountNav(page: Page) {
  return page.getByRole('navigation', { name: 'Account' });
}

test('a new user goes through onboarding, resumes after a reload and finds the answers in settings', async ({ page, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await page.goto('/signup');
  await fillSignUp(page, { email });
  await expect(page).toHaveURL(`${origin}${AFTER_SIGN_UP_PATH}`);

  const main = page.getByRole('main');
  const progress = page.getByTestId('wizard-progress');
  const continueButton = main.getByRole('button', { name: 'Continue' });

  await expect(progress).toHaveText('Step 1 of 5');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('What is your role?');
  await main.getByRole('radio', { name: 'Founder' }).check();
  await continueButton.click();

  await expect(progress).toHaveText('Step 2 of 5');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('What kind of company is it?');
  await main.getByRole('radio', { name: 'Software product' }).check();
  await continueButton.click();
  await expect(progress).toHaveText('Step 3 of 5');

  // Leaving half-way and coming back resumes at the step reached.
  await page.reload();
  await expect(progress).toHaveText('Step 3 of 5');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Which tools do you work with?');
  await main.getByRole('checkbox', { name: 'Code repository (GitHub, GitLab…)' }).check();
  await main.getByRole('checkbox', { name: 'Product analytics' }).check();
  await continueButton.click();

  await expect(progress).toHaveText('Step 4 of 5');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Set your vibe');
  await setSlider(page, 'playfulness', 85);
  await continueButton.click();

  await expect(progress).toHaveText('Step 5 of 5');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Your voice and your company');
  const voice = 'Plain words, short sentences, no hype.';
  await main.getByRole('textbox', { name: /^Brand voice/ }).fill(voice);
  await expect(main.getByText(`(${voice.length}/500)`)).toBeVisible();
  await main.getByRole('button', { name: 'Finish' }).click();

  await expect(main.getByRole('heading', { level: 1 })).toHaveText('You are all set');
  await expect(progress).toHaveCount(0);

  // Settings shows what onboarding saved.
  await page.goto('/settings');
  const settings = page.getByRole('main');
  await expect(settings.getByRole('heading', { level: 1 })).toHaveText('Profile');
  const role = settings.locator('select[name="role"]');
  await expect(role).toHaveValue('founder');
  await expect(role.locator('option:checked')).toHaveText('Founder');
  await expect(settings.locator('select[name="vertical"] option:checked')).toHaveText('Software product');
  await expect(settings.getByRole('checkbox', { name: 'Code repository (GitHub, GitLab…)' })).toBeChecked();
  await expect(settings.getByRole('checkbox', { name: 'Product analytics' })).toBeChecked();
  await expect(settings.getByRole('checkbox', { name: 'Issue tracker (Linear, Jira…)' })).not.toBeChecked();
  await expect(settings.getByRole('checkbox', { name: 'CI/CD pipelines' })).not.toBeChecked();
  await expect(settings.getByRole('textbox', { name: /^Brand voice/ })).toHaveValue(voice);

  // The vibe step saved the slider.
  await page.goto('/vibe');
  await expect(sliderOutput(page, 'playfulness')).toHaveText('85');

  // Onboarding is finished: the dashboard no longer asks for it, and /onboarding says so.
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${email}`);
  await expect(page.getByTestId('plan')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Finish setting up' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Continue onboarding' })).toHaveCount(0);

  await page.goto('/onboarding');
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('You are all set');
});

test('skipping onboarding keeps the defaults and the dashboard asks to finish until it is done', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);

  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: 'Finish setting up' })).toBeVisible();
  await page.getByRole('link', { name: 'Continue onboarding' }).click();

  const main = page.getByRole('main');
  const progress = page.getByTestId('wizard-progress');
  await expect(progress).toHaveText('Step 1 of 5');
  for (const step of [2, 3, 4, 5]) {
    await main.getByRole('button', { name: 'Skip' }).click();
    await expect(progress).toHaveText(`Step ${step} of 5`);
  }
  await main.getByRole('button', { name: 'Skip' }).click();
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('You are all set');

  await page.goto('/settings');
  await expect(page.locator('select[name="role"] option:checked')).toHaveText('Not set');
  await expect(page.getByRole('checkbox', { name: 'Code repository (GitHub, GitLab…)' })).not.toBeChecked();
  await expect(page.getByRole('textbox', { name: /^Brand voice/ })).toHaveValue('');

  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${email}`);
  await expect(page.getByRole('heading', { name: 'Finish setting up' })).toHaveCount(0);
});

test('moving the playfulness slider changes the live prompt preview', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/vibe');

  const recipe = page.getByRole('table', { name: 'Blend recipe' });
  const rows = page.getByTestId('recipe-row');
  const systemPrompt = page.getByTestId('system-prompt');
  // The playfulness atom is picked by the slider's band; its "Why" names the value and the band.
  const playfulnessRow = rows.filter({ hasText: /playfulness \d+ falls in/ });

  await expect(recipe).toBeVisible();
  await expect(page.getByTestId('token-estimate')).toHaveText(/^\d+ tokens \(.+\) · \d+ of \d+ atoms$/);
  const initial = (await sliderOutput(page, 'playfulness').textContent()) ?? '';
  await expect(playfulnessRow).toHaveCount(1);
  await expect(playfulnessRow).toContainText(`playfulness ${initial} falls in`);
  const initialPrompt = (await systemPrompt.textContent()) ?? '';
  expect(initialPrompt.length).toBeGreaterThan(0);

  // The seeded library's bands for playfulness are 0–24, 25–49, 50–74 and 75–100 (supabase/seed.sql).
  await setSlider(page, 'playfulness', 0);
  await expect(playfulnessRow).toContainText('playfulness 0 falls in 0–24');
  await expect(systemPrompt).not.toHaveText(initialPrompt);
  const formalPrompt = (await systemPrompt.textContent()) ?? '';

  await setSlider(page, 'playfulness', 100);
  await expect(playfulnessRow).toContainText('playfulness 100 falls in 75–100');
  await expect(systemPrompt).not.toHaveText(formalPrompt);
  await expect(systemPrompt).not.toHaveText(initialPrompt);
  await expect(page.getByTestId('token-estimate')).toBeVisible();

  // Unsaved moves are only a preview: a reload (past the leave prompt, when the browser shows one)
  // shows the saved value again.
  const leave = (dialog: Dialog) => void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
  page.on('dialog', leave);
  await page.reload();
  page.off('dialog', leave);
  await expect(sliderOutput(page, 'playfulness')).toHaveText(initial);
  await expect(playfulnessRow).toContainText(`playfulness ${initial} falls in`);
});

test('a saved preset can be applied, renamed and deleted', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/vibe');
  const main = page.getByRole('main');
  // The message under "Save vibe" (the sliders' <output>s are status elements too).
  const status = main.getByRole('status').and(page.locator('p'));
  const presets = page.getByTestId('preset');
  await expect(main.getByText('No presets yet.')).toBeVisible();

  const pitch = { playfulness: 10, revenueFocus: 90, investorPerspective: 75 };
  for (const [key, value] of Object.entries(pitch) as [SliderKey, number][]) await setSlider(page, key, value);
  await main.getByRole('textbox', { name: 'Preset name' }).fill('Pitch mode');
  await main.getByRole('button', { name: 'Save as preset' }).click();
  await expect(status).toHaveText('Preset saved.');
  await expect(presets).toHaveCount(1);
  await expect(presets.first()).toContainText('Pitch mode');
  await expect(presets.first()).toContainText('10/90/75');
  await expect(main.getByText('No presets yet.')).toHaveCount(0);

  // A different current vibe, saved.
  const other = { playfulness: 60, revenueFocus: 20, investorPerspective: 30 };
  for (const [key, value] of Object.entries(other) as [SliderKey, number][]) await setSlider(page, key, value);
  await main.getByRole('button', { name: 'Save vibe' }).click();
  await expect(status).toHaveText('Vibe saved.');
  await page.reload();
  await expectSliders(page, other);

  // Applying the preset shows its values and makes them the saved current vibe.
  const preset = presets.filter({ hasText: 'Pitch mode' });
  await preset.getByRole('button', { name: 'Apply' }).click();
  await expect(status).toHaveText('Applied “Pitch mode”.');
  await expectSliders(page, pitch);
  await page.reload();
  await expectSliders(page, pitch);

  // Rename through the browser's prompt dialog.
  let dialogDefault: string | undefined;
  page.once('dialog', (dialog) => {
    dialogDefault = dialog.defaultValue();
    void dialog.accept('Board mode');
  });
  await preset.getByRole('button', { name: 'Rename' }).click();
  await expect(status).toHaveText('Preset renamed.');
  expect(dialogDefault).toBe('Pitch mode');
  await expect(presets).toHaveCount(1);
  await expect(presets.first()).toContainText('Board mode');
  await expect(presets.filter({ hasText: 'Pitch mode' })).toHaveCount(0);
  await page.reload();
  await expect(presets).toHaveCount(1);
  await expect(presets.first()).toContainText('Board mode');

  // Dismissing the dialog changes nothing.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await presets.first().getByRole('button', { name: 'Rename' }).click();
  await expect(presets.first()).toContainText('Board mode');

  await presets.first().getByRole('button', { name: 'Delete' }).click();
  await expect(status).toHaveText('Deleted “Board mode”.');
  await expect(presets).toHaveCount(0);
  await expect(main.getByText('No presets yet.')).toBeVisible();
  await page.reload();
  await expect(presets).toHaveCount(0);
  // Deleting the preset leaves the current vibe it was applied to alone.
  await expectSliders(page, pitch);
});

test('an administrator edits an atom and creates a new version of it', async ({ page, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);
  await expect(accountNav(page).getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(accountNav(page).getByRole('link', { name: 'Atoms' })).toHaveCount(0);

  await grantAdmin(email);
  await page.goto('/dashboard');
  await expect(page.getByRole('main').getByText('Administrator')).toBeVisible();
  await accountNav(page).getByRole('link', { name: 'Atoms' }).click();
  await expect(page).toHaveURL(`${origin}/admin/atoms`);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Prompt atoms');
  await expect(page.getByTestId('atom-row').first()).toBeVisible();
  const status = main.getByRole('status');
  const editor = main.getByRole('form', { name: 'Atom editor' });

  // An atom of this test's own, so the seeded library other tests preview with stays as seeded.
  const name = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const rows = page.locator(`[data-testid="atom-row"][data-name="${name}"]`);
  await main.getByRole('button', { name: 'New atom' }).click();
  await expect(editor.getByRole('heading')).toHaveText('New atom');
  await editor.getByRole('textbox', { name: 'Name' }).fill(name);
  await editor.getByRole('spinbutton', { name: /^Weight/ }).fill('0.5');
  await editor.getByRole('textbox', { name: 'Description' }).fill('Created by a browser test.');
  await editor.getByRole('textbox', { name: 'System prompt' }).fill('Answer in one short paragraph.');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(status).toHaveText('Atom saved.');
  await expect(editor).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole('cell')).toHaveText([name, 'v1', 'tone', '0.50', '0', '0%', 'active', /Edit/]);

  // Edit in place: same version, new weight.
  await rows.getByRole('button', { name: 'Edit' }).click();
  await expect(editor.getByRole('heading')).toHaveText(`Edit ${name} v1`);
  await expect(editor.getByRole('textbox', { name: 'Description' })).toHaveValue('Created by a browser test.');
  await editor.getByRole('spinbutton', { name: /^Weight/ }).fill('0.35');
  await editor.getByRole('textbox', { name: 'Description' }).fill('Edited by a browser test.');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(status).toHaveText('Atom saved.');
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole('cell').nth(1)).toHaveText('v1');
  await expect(rows.getByRole('cell').nth(3)).toHaveText('0.35');
  await page.reload();
  await expect(rows.getByRole('cell').nth(3)).toHaveText('0.35');
  await rows.getByRole('button', { name: 'Edit' }).click();
  await expect(editor.getByRole('textbox', { name: 'Description' })).toHaveValue('Edited by a browser test.');
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toHaveCount(0);

  // A new version replaces v1 as the active one.
  await rows.getByRole('button', { name: 'New version' }).click();
  await expect(editor.getByRole('heading')).toHaveText(`New version of ${name}`);
  await editor.getByRole('spinbutton', { name: /^Weight/ }).fill('0.8');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(status).toHaveText('New version created.');
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole('cell').nth(1)).toHaveText('v2');
  await expect(rows.getByRole('cell').nth(3)).toHaveText('0.80');
  await expect(rows.getByRole('cell').nth(6)).toHaveText('active');

  await main.getByRole('checkbox', { name: 'Show inactive' }).check();
  await expect(rows).toHaveCount(2);
  const v1 = rows.filter({ has: page.getByRole('cell', { name: 'v1', exact: true }) });
  const v2 = rows.filter({ has: page.getByRole('cell', { name: 'v2', exact: true }) });
  await expect(v1.getByRole('cell').nth(6)).toHaveText('inactive');
  await expect(v1.getByRole('cell').nth(3)).toHaveText('0.35');
  await expect(v1.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);
  await expect(v2.getByRole('cell').nth(6)).toHaveText('active');
  await expect(v2.getByRole('cell').nth(3)).toHaveText('0.80');

  await main.getByRole('checkbox', { name: 'Show inactive' }).uncheck();
  await expect(rows).toHaveCount(1);
});

test('a user who is not an administrator sees no Atoms link and /admin/atoms is not found', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/dashboard');
  await expect(accountNav(page).getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(accountNav(page).getByRole('link', { name: 'Atoms' })).toHaveCount(0);

  const response = await page.goto('/admin/atoms');
  expect(response?.status()).toBe(404);
  await expect(page.getByText('could not be found')).toBeVisible();
  await expect(page.getByTestId('atom-row')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Prompt atoms' })).toHaveCount(0);
});

test('settings refuses a brand voice over 500 characters and keeps the saved one', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/settings');
  const main = page.getByRole('main');
  const brandVoice = main.getByRole('textbox', { name: /^Brand voice/ });
  const save = main.getByRole('button', { name: 'Save profile' });

  const saved = 'Warm, exact and brief.';
  await brandVoice.fill(saved);
  await save.click();
  await expect(main.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(brandVoice).toHaveValue(saved);

  const profileWrites: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET' && new URL(request.url()).pathname === '/api/profile') profileWrites.push(request.method());
  });
  await brandVoice.fill('x'.repeat(501));
  await expect(main.getByText('(501/500)')).toBeVisible();
  await save.click();
  // Said in words, under the field, and tied to it for screen readers.
  await expect(main.getByRole('alert')).toHaveText('Some fields need a change before the profile can be saved.');
  await expect(brandVoice).toHaveAttribute('aria-invalid', 'true');
  await expect(brandVoice).toHaveAccessibleDescription('Keep the brand voice to at most 500 characters.');
  await expect(main.getByRole('status')).toHaveCount(0);
  expect(profileWrites).toEqual([]);

  await page.reload();
  await expect(brandVoice).toHaveValue(saved);
  await expect(main.getByRole('alert')).toHaveCount(0);
});
