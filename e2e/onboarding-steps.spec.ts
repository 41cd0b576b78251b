import { expect, test, type Page } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

/**
 * The onboarding wizard keeps its step in the URL: Back, browser Back/Forward and reloads always
 * show the step the address and the progress bar say. The time zone is a searchable combobox that
 * starts at the browser's zone, and the last screen suggests first tasks for the chosen role.
 */

test.use({ timezoneId: 'Asia/Tokyo' });

const TITLES = ['What is your role?', 'What kind of company is it?', 'Which tools do you work with?', 'Set your vibe', 'Your voice and your company'];
const STEPS = ['role', 'vertical', 'stack', 'vibe', 'voice'];

/** The page shows step n (1-based) everywhere at once: URL, progress text and bar, and heading. */
async function expectStep(page: Page, n: number) {
  await expect(page).toHaveURL(new RegExp(`/onboarding\\?step=${STEPS[n - 1]}$`));
  await expect(page.getByTestId('wizard-progress')).toHaveText(`Step ${n} of 5`);
  const bar = page.getByRole('progressbar', { name: 'Onboarding progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', String(n));
  await expect(bar).toHaveAttribute('aria-valuetext', `Step ${n} of 5`);
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(TITLES[n - 1]!);
  await expect(page.getByRole('main').getByRole('button', { name: 'Back' })).toHaveCount(n === 1 ? 0 : 1);
}

test('Back, browser Back/Forward and reloads always show the step in the URL', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/onboarding');
  const main = page.getByRole('main');
  const continueButton = main.getByRole('button', { name: 'Continue' });
  await expectStep(page, 1);

  await main.getByRole('radio', { name: 'Founder' }).check();
  await continueButton.click();
  await expectStep(page, 2);
  await main.getByRole('radio', { name: 'Software product' }).check();
  await continueButton.click();
  await expectStep(page, 3);

  // The Back button goes to the previous step, answers kept.
  await main.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 2);
  await expect(main.getByRole('radio', { name: 'Software product' })).toBeChecked();

  // Browser history: each entry shows its own step.
  await page.goBack();
  await expectStep(page, 3);
  await page.goBack();
  await expectStep(page, 2);
  await page.goBack();
  await expectStep(page, 1);
  await expect(main.getByRole('radio', { name: 'Founder' })).toBeChecked();
  await page.goForward();
  await expectStep(page, 2);
  await page.goForward();
  await expectStep(page, 3);

  // A reload stays on the step in the URL; a step not reached yet is not shown.
  await page.goto('/onboarding?step=vertical');
  await expectStep(page, 2);
  await page.goto('/onboarding?step=voice');
  await expectStep(page, 3);
  await page.goto('/onboarding');
  await expectStep(page, 3);
});

test('the time zone is searched by keyboard, checked by the form, and the last screen suggests first tasks', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/onboarding');
  const main = page.getByRole('main');
  await main.getByRole('radio', { name: 'Product manager' }).check();
  await main.getByRole('button', { name: 'Continue' }).click();
  for (const n of [2, 3, 4]) {
    await expectStep(page, n);
    await main.getByRole('button', { name: 'Skip' }).click();
  }
  await expectStep(page, 5);

  const zone = main.getByRole('combobox', { name: 'Time zone' });
  const list = main.getByRole('listbox', { name: 'Time zones' });
  // The browser's zone is the default for a new account.
  await expect(zone).toHaveValue('Asia/Tokyo');
  await expect(zone).toHaveAttribute('aria-expanded', 'false');

  await zone.fill('berl');
  await expect(zone).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option').first()).toHaveText('Europe/Berlin');
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await zone.press('Enter');
  await expect(zone).toHaveValue('Europe/Berlin');
  await expect(list).toBeHidden();

  // Arrows move through the matches; the active option is the input's active descendant.
  await zone.fill('america/');
  await zone.press('ArrowDown');
  await zone.press('ArrowDown');
  const active = list.getByRole('option', { selected: true });
  await expect(active).toHaveCount(1);
  await expect(zone).toHaveAttribute('aria-activedescendant', (await active.getAttribute('id'))!);
  await zone.press('ArrowUp');
  const picked = (await list.getByRole('option', { selected: true }).textContent())!;
  await zone.press('Enter');
  await expect(zone).toHaveValue(picked);

  // Escape closes the list, and a second Escape puts back what the field held before typing.
  await zone.fill('tok');
  await zone.press('Escape');
  await expect(list).toBeHidden();
  await expect(zone).toHaveValue('tok');
  await zone.press('Escape');
  await expect(zone).toHaveValue(picked);

  // A zone that is not in the list is refused by the schema, under the field.
  await zone.fill('Mars/Olympus');
  await zone.press('Escape');
  await main.getByRole('button', { name: 'Finish' }).click();
  await expect(zone).toHaveAttribute('aria-invalid', 'true');
  await expect(zone).toHaveAccessibleDescription(/^Choose a time zone from the list, such as Europe\/Paris\./);
  await expectStep(page, 5);

  // Too long a brand voice, likewise.
  const voice = main.getByRole('textbox', { name: /^Brand voice/ });
  await voice.fill('x'.repeat(501));
  await zone.fill('berl');
  await zone.press('Enter');
  await main.getByRole('button', { name: 'Finish' }).click();
  await expect(voice).toHaveAttribute('aria-invalid', 'true');
  await expect(voice).toHaveAccessibleDescription('Keep the brand voice to at most 500 characters.');
  await expect(zone).not.toHaveAttribute('aria-invalid');
  await voice.fill('Short and kind.');
  await main.getByRole('button', { name: 'Finish' }).click();

  await expect(page).toHaveURL(/\/onboarding\?step=done$/);
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('You are all set');
  const tasks = main.getByRole('list', { name: 'Suggested first tasks' }).getByRole('link');
  await expect(tasks).toHaveCount(4);
  await expect(tasks.first()).toHaveText('Write a product requirements document for our most requested feature.');
  await expect(tasks.first()).toHaveAttribute('href', `/chat?task=${encodeURIComponent('Write a product requirements document for our most requested feature.')}`);

  await page.goto('/settings');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Berlin');
});
