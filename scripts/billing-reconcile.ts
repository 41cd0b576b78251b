import nextEnv from '@next/env';
import { billingConfig } from '@/lib/billing/billing-config';
import { reconcileBilling } from '@/lib/billing/reconcile-billing';
import { createSql } from '@/lib/db/client';
import { parseBillingEnv } from '@/lib/env';
import { resolveScriptDatabaseUrl } from './script-database';

// npm run billing:reconcile: Stripe → database for every customer; prints what it changed.
nextEnv.loadEnvConfig(process.cwd(), true);
const billing = billingConfig(parseBillingEnv(process.env));
if (!billing) {
  console.error('Billing is not configured: set STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_PRICE_PRO and STRIPE_PRICE_ENTERPRISE (environment or .env.local).');
  process.exit(1);
}

const { url, close } = await resolveScriptDatabaseUrl();
const sql = createSql(url, 1);
try {
  const report = await reconcileBilling(sql, billing);
  for (const line of report.changes) console.log(line);
  for (const line of report.missing) console.warn(`⚠ ${line}`);
  const checked = `Checked ${report.customers} customer(s) and ${report.subscriptions} subscription(s)`;
  console.log(report.changes.length === 0 ? `${checked}: nothing to change.` : `${checked}: ${report.changes.length} change(s) applied.`);
} catch (error) {
  console.error(`Reconcile stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 5 });
  await close();
}
