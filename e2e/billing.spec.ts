import { expect, test } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';
import { setMonthlyUsage } from './database';

interface PlanLimit {
  metricType: string;
  period: 'month' | 'day';
  limit: number | null;
}

/**
 * Paying as a person does: the pricing page (its limits are the database's), Stripe Checkout (the
 * browser-test server points the Stripe SDK at the Stripe-compatible test server, whose hosted
 * page returns to the success URL), the success page showing the new plan at once, /billing with
 * the plan and every meter, and the customer portal and back.
 */
test('pricing shows every limit the API enforces', async ({ page, request }) => {
  const plans = (await (await request.get('/api/plans')).json()) as { tier: string; limits: PlanLimit[] }[];
  expect(plans.map((plan) => plan.tier)).toEqual(['free', 'pro', 'enterprise']);
  await page.goto('/pricing');
  for (const plan of plans) {
    const card = page.getByTestId(`plan-${plan.tier}`);
    await expect(card.getByRole('listitem')).toHaveCount(plan.limits.length);
    for (const limit of plan.limits) {
      const item = card.getByTestId(`limit-${plan.tier}-${limit.metricType}`);
      if (limit.limit !== null && limit.limit > 0) {
        const shown = limit.metricType === 'voice_seconds' ? Math.floor(limit.limit / 60) : limit.limit;
        await expect(item).toContainText(shown.toLocaleString('en-US'));
      }
    }
  }
  // Signed out, a paid plan starts with an account.
  await expect(page.getByTestId('plan-pro').getByRole('link', { name: 'Sign up for Pro' })).toBeVisible();
  await expect(page.getByTestId('billing-not-configured')).toHaveCount(0);
});

test('upgrade to Pro through Checkout, see it on the success page and /billing, open the portal', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));

  await page.goto('/pricing');
  await expect(page.getByTestId('plan-free')).toContainText('Your plan');
  await page.getByTestId('checkout-pro').click();

  // The hosted checkout page of the Stripe-compatible server.
  await expect(page.getByRole('heading', { name: 'Fake Stripe Checkout' })).toBeVisible();
  await page.getByRole('button', { name: 'Pay' }).click();

  await expect(page).toHaveURL(/\/billing\/success\?session_id=cs_/);
  await expect(page.getByTestId('success-tier')).toHaveText('Pro');

  await page.getByRole('link', { name: 'See billing' }).click();
  await expect(page.getByTestId('billing-tier')).toHaveText('Pro');
  await expect(page.getByTestId('billing-status')).toHaveText('Active');
  await expect(page.getByTestId('billing-period-end')).toBeVisible();
  // Pro's meters: runs out of 1,000 and dictation minutes, and a chart for every metric.
  await expect(page.getByTestId('usage-runs')).toContainText('0 of 1,000');
  await expect(page.getByTestId('usage-voice_seconds')).toContainText('of 120 min');
  for (const metric of ['runs', 'tokens', 'daily_tokens', 'templates', 'exports', 'voice_seconds']) {
    await expect(page.getByTestId(`daily-${metric}`)).toBeVisible();
  }

  // Dictation is unlocked in Ask.
  await page.goto('/chat');
  await expect(page.getByRole('button', { name: 'Dictate' })).toBeEnabled();
  await expect(page.getByTestId('voice-premium')).toHaveCount(0);

  // The portal: cancel at the period's end, come back, and /billing says when it ends.
  await page.goto('/billing');
  await page.getByTestId('manage-billing').click();
  await expect(page.getByRole('heading', { name: 'Fake Stripe customer portal' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel plan' }).click();
  await expect(page.getByText(/Cancels on/)).toBeVisible();
  await page.getByRole('link', { name: 'Return to Venture Companion' }).click();
  await expect(page).toHaveURL(/\/billing$/);
  // The portal's change reaches the app by webhook; the page shows it once it has arrived.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('billing-cancels')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId('billing-tier')).toHaveText('Pro');
});

test('a used-up limit says when it resets and links to the plans, on the dashboard and in Ask', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);
  await setMonthlyUsage(email, 'runs', 100);
  const resets = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString().slice(0, 10);

  await page.goto('/dashboard');
  await expect(page.getByTestId('limit-reason')).toContainText(`resets on ${resets}`);
  await page.getByTestId('limit-upgrade').click();
  await expect(page).toHaveURL(/\/pricing$/);

  await page.goto('/chat');
  await page.getByLabel('Task').fill('Draft a launch tweet');
  await page.getByRole('button', { name: 'Send' }).click();
  const notice = page.getByTestId('chat-notice');
  await expect(notice).toContainText('You have used all 100 runs of this month');
  await expect(notice).toContainText(resets);
  await notice.getByRole('link', { name: 'Upgrade your plan' }).click();
  await expect(page.getByTestId('plan-pro')).toBeVisible();
});
