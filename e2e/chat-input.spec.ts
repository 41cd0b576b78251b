import { expect, test } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

/** The task box never cuts what was pasted: it counts, refuses what is too long, and sends on Ctrl+Enter. */
test('a task over 8,000 characters is kept whole and refused with a reason; Ctrl+Enter sends a valid one', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/chat');
  const task = page.getByRole('textbox', { name: /^Task/ });
  const send = page.getByRole('button', { name: 'Send' });

  const long = 'a'.repeat(8_005);
  await task.fill(long);
  await expect(task).toHaveValue(long);
  await expect(page.getByTestId('task-count')).toHaveText('8,005/8,000');
  await expect(task).toHaveAttribute('aria-invalid', 'true');
  await expect(task).toHaveAccessibleDescription('This task is 5 characters over the 8,000-character limit. Shorten it to send.');
  await expect(send).toBeDisabled();
  await task.press('Control+Enter');
  await expect(page.getByTestId('run-id')).toHaveCount(0);

  await task.fill('مرحبا، اكتب منشورًا قصيرًا عن صفحة الأسعار الجديدة');
  await expect(task).toHaveAttribute('dir', 'auto');
  await expect(send).toBeEnabled();
  await task.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
});
