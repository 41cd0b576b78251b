import { expect, test, type Page } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';
import { insertFinishedRun } from './database';

/**
 * The dashboard as a person uses it: a bar per day with dates and values, a tooltip with the exact
 * figure, a per-model breakdown, filters that live in the address (reload, back and forward keep
 * them), history rows that open their run, money read as money, and a phone width that fits.
 */

const utcDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
const axisLabel = (date: Date) => date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longLabel = (date: Date) => date.toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

async function runInChat(page: Page, task: string) {
  await page.goto('/chat');
  await page.getByLabel('Task').fill(task);
  await page.getByLabel('Output').selectOption('content');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
}

/** Hovers the daily chart above the x-axis label `label` and returns the tooltip. */
async function hoverDay(page: Page, label: string) {
  const chart = page.getByTestId('chart-daily');
  await chart.scrollIntoViewIfNeeded();
  const tick = chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value', { hasText: new RegExp(`^${label}$`) });
  const tickBox = (await tick.boundingBox())!;
  const plotBox = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  await page.mouse.move(tickBox.x + tickBox.width / 2, plotBox.y + plotBox.height / 2);
  return chart.getByTestId('chart-tooltip');
}

async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('charts, per-model breakdown, filters in the address, history rows and money', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);
  await runInChat(page, 'Write a short LinkedIn post announcing our new pricing page');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('run-feedback')).toContainText('Approved');
  await runInChat(page, 'Draft a tweet about our beta');
  // A paid model's run two days ago: a fraction of a cent, and a day of its own in the chart.
  const pastRunId = await insertFinishedRun(email, {
    task: 'Summarise last week’s churn numbers',
    model: 'gpt-4o',
    outputType: 'insight',
    inputTokens: 900,
    outputTokens: 100,
    costUsd: 0.0004,
    daysAgo: 2,
  });

  await page.goto('/dashboard?days=7');
  await expect(page.getByTestId('total-runs')).toHaveText('3');
  await expect(page.getByTestId('total-cost')).toHaveText('< $0.01');
  await expect(page.getByTestId('approval-rate')).toHaveText('100%');

  // The daily chart: a labelled figure, dates on the x axis (all 7 days, zero days included), values on the y axis.
  // The chart is drawn once it comes near the screen.
  const chart = page.getByTestId('chart-daily');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('figcaption')).toContainText('Runs per day (UTC)');
  await expect(chart.locator('figcaption')).toContainText(`3 runs in total over 7 days`);
  const xTicks = chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(xTicks).toHaveText([6, 5, 4, 3, 2, 1, 0].map((daysAgo) => axisLabel(utcDay(daysAgo))));
  await expect(chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').first()).toHaveText('0');
  await expect(chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').last()).toHaveText('2');

  // Hovering a day shows its date and exact value, a day without runs included.
  let tooltip = await hoverDay(page, axisLabel(utcDay(0)));
  await expect(tooltip).toContainText(longLabel(utcDay(0)));
  await expect(tooltip.getByTestId('chart-tooltip-value')).toHaveText('2 runs');
  tooltip = await hoverDay(page, axisLabel(utcDay(1)));
  await expect(tooltip).toContainText(longLabel(utcDay(1)));
  await expect(tooltip.getByTestId('chart-tooltip-value')).toHaveText('0 runs');

  // Cost per day: the exact figure next to the rounded one.
  await page.getByRole('group', { name: 'The charts show' }).getByRole('button', { name: 'Cost' }).click();
  await expect(chart.locator('figcaption')).toContainText('Cost per day (UTC)');
  tooltip = await hoverDay(page, axisLabel(utcDay(2)));
  await expect(tooltip.getByTestId('chart-tooltip-value')).toHaveText('< $0.01');
  await expect(tooltip).toContainText('exactly $0.0004');

  // Approval rate per day: a day without rated runs says so rather than showing 0 %.
  await page.getByRole('group', { name: 'The charts show' }).getByRole('button', { name: 'Approval rate' }).click();
  await expect(chart.locator('figcaption')).toContainText('Approval rate per day (UTC)');
  await expect(chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').last()).toHaveText('100%');
  tooltip = await hoverDay(page, axisLabel(utcDay(0)));
  await expect(tooltip.getByTestId('chart-tooltip-value')).toHaveText('1 of 1 rated run approved (100%)');
  tooltip = await hoverDay(page, axisLabel(utcDay(2)));
  await expect(tooltip.getByTestId('chart-tooltip-value')).toHaveText('no rated runs');
  await page.getByRole('group', { name: 'The charts show' }).getByRole('button', { name: 'Runs' }).click();

  // Per model over the range: runs, tokens and cost.
  const models = page.getByRole('table', { name: 'Runs, tokens and cost per model' });
  await expect(models.getByTestId('model-row')).toHaveCount(2);
  // The browser-test server has no model key: chat runs are the offline provider's, at no cost.
  await expect(models.getByTestId('model-row').nth(0).getByRole('rowheader')).toHaveText('offline');
  await expect(models.getByTestId('model-row').nth(0).getByRole('cell').nth(0)).toHaveText('2');
  await expect(models.getByTestId('model-row').nth(0).getByRole('cell').nth(2)).toHaveText('$0.00');
  await expect(models.getByTestId('model-row').nth(1).getByRole('rowheader')).toHaveText('gpt-4o');
  await expect(models.getByTestId('model-row').nth(1).getByRole('cell')).toHaveText(['1', '1,000', '< $0.01']);
  await page.getByTestId('chart-models').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('chart-models').locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')).toHaveText(['offline', 'gpt-4o']);

  // History follows the same range; the stored run's cost reads as money.
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'churn numbers' }).getByTestId('history-cost')).toHaveText('< $0.01');
  await expect(rows.filter({ hasText: 'LinkedIn post' }).getByTestId('history-cost')).toHaveText('$0.00');

  // A filter is a new address: it survives a reload, and back/forward step through it.
  await page.getByLabel('Type').selectOption('insight');
  await expect(page).toHaveURL(/\/dashboard\?days=7&outputType=insight$/);
  await expect(page.getByTestId('total-runs')).toHaveText('1');
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(page.getByLabel('Type')).toHaveValue('insight');
  await expect(page.getByLabel('Range')).toHaveValue('7');
  await expect(page.getByTestId('total-runs')).toHaveText('1');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('churn numbers');
  await page.goBack();
  await expect(page).toHaveURL(/\/dashboard\?days=7$/);
  await expect(page.getByLabel('Type')).toHaveValue('');
  await expect(page.getByTestId('total-runs')).toHaveText('3');
  await page.goForward();
  await expect(page).toHaveURL(/outputType=insight$/);
  await expect(page.getByTestId('total-runs')).toHaveText('1');

  // A range that leaves the runs out shows nothing, and says so.
  await page.getByLabel('Range').selectOption('custom');
  await expect(page).toHaveURL(/\/dashboard\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&outputType=insight$/);
  // Moving the end before the start takes the start along: still a 7-day range, 40 days ago.
  const longAgo = utcDay(40).toISOString().slice(0, 10);
  await page.getByLabel('To', { exact: true }).fill(longAgo);
  await expect(page).toHaveURL(new RegExp(`from=${utcDay(46).toISOString().slice(0, 10)}&to=${longAgo}&outputType=insight$`));
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(utcDay(46).toISOString().slice(0, 10));
  await expect(page.getByTestId('total-runs')).toHaveText('0');
  await expect(page.getByText('No runs in this range.')).toBeVisible();
  await expect(page.getByText('No runs match.')).toBeVisible();

  // A bad range in a shared link is named, and the page shows the default range instead of failing.
  await page.goto('/dashboard?from=2026-05-10&to=2026-05-01');
  await expect(page.getByTestId('filter-problems')).toContainText('from: must be on or before to (2026-05-01)');
  await expect(page.getByTestId('total-runs')).toHaveText('3');

  // A click anywhere on a history row opens that run.
  await page.goto('/dashboard');
  await rows.filter({ hasText: 'churn numbers' }).getByRole('cell').filter({ hasText: 'insight' }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${pastRunId}$`));
  await expect(page.getByTestId('run-task')).toHaveText('Summarise last week’s churn numbers');
});

test('usage shows used, reserved and left, and the dashboard fits a 390 px phone with a long email', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const email = `a-very-long-address-that-keeps-going-${uniqueEmail(testInfo)}`;
  await signUpHere(page, email);
  await runInChat(page, 'Write a short LinkedIn post announcing our new pricing page');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/dashboard');
  const runs = page.getByTestId('usage-runs');
  await expect(runs).toContainText('1 of 100');
  await expect(page.getByTestId('usage-runs-used')).toHaveText('1 used');
  await expect(page.getByTestId('usage-runs-reserved')).toHaveText('0 reserved for runs in progress');
  await expect(page.getByTestId('usage-runs-left')).toHaveText('99 left');
  await expect(page.getByTestId('usage-tokens-reserved')).toHaveText('0 reserved for runs in progress');
  await expect(page.getByTestId('limit-reason')).toHaveCount(0);
  // The plan is named once ("free", not "free · free"), with what it allows.
  await expect(page.getByTestId('plan')).toContainText('100 runs and 100,000 tokens a month.');
  expect((await page.getByTestId('plan').textContent())!.match(/free/g)).toHaveLength(1);

  // The chart has loaded and drawn its axes before the width is measured.
  await page.getByTestId('chart-daily').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('chart-daily').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').first()).toBeVisible();
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  const chartBox = (await page.getByTestId('chart-daily').locator('svg.recharts-surface').boundingBox())!;
  expect(chartBox.x + chartBox.width).toBeLessThanOrEqual(390);

  // The email wraps inside its card.
  const emailBox = (await page.getByTestId('account-email').boundingBox())!;
  const cardBox = (await page.getByRole('heading', { name: 'Account' }).locator('..').boundingBox())!;
  expect(emailBox.x + emailBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
  await expect(page.getByTestId('account-email')).toHaveText(email);
});
