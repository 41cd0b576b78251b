import { setTierByEmail } from '@/lib/billing/set-tier-by-email';
import { createSql } from '@/lib/db/client';
import { SUBSCRIPTION_TIERS, type SubscriptionTier } from '@/lib/zod/schemas/usage';
import { resolveScriptDatabaseUrl } from './script-database';

// npm run billing:set-tier -- <email> <free|pro|enterprise>: a plan without Stripe, for local use.
const [email, tier] = process.argv.slice(2);
if (!email || !SUBSCRIPTION_TIERS.includes(tier as SubscriptionTier)) {
  console.error(`Usage: npm run billing:set-tier -- <email> <${SUBSCRIPTION_TIERS.join('|')}>`);
  process.exit(1);
}

const { url, close } = await resolveScriptDatabaseUrl();
const sql = createSql(url, 1);
try {
  if (await setTierByEmail(sql, { email, tier: tier as SubscriptionTier })) {
    console.log(`${email} is now on the ${tier} plan.`);
  } else {
    console.error(`No user with email ${email}.`);
    process.exitCode = 1;
  }
} finally {
  await sql.end({ timeout: 5 });
  await close();
}
