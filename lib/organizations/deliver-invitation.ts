import type { Logger } from '@/lib/observability/logger';
import { serverEnv } from '@/lib/env';
import { sendInvitationEmail } from '@/lib/organizations/send-invitation-email';

/**
 * Gets an invitation link to the invited person: by email when SMTP_URL is set; otherwise (the
 * embedded mode, or a deployment without mail) it is logged and handed back for the inviter to
 * pass on. The token is in the link only, never in a log line when mail is configured.
 */
export async function deliverInvitation(
  log: Logger,
  { token, email, organization, inviterName, expiresAt }: { token: string; email: string; organization: { id: string; name: string }; inviterName: string; expiresAt: Date },
): Promise<{ emailed: boolean; link: string | null }> {
  const env = serverEnv();
  const link = `${env.siteUrl}/invitations/${token}`;
  if (env.SMTP_URL) {
    await sendInvitationEmail(
      { smtpUrl: env.SMTP_URL, from: env.SMTP_FROM ?? `Venture Companion <no-reply@${new URL(env.siteUrl).hostname}>` },
      { to: email, organizationName: organization.name, inviterName, link, expiresAt },
    );
    log.info({ orgId: organization.id, email }, 'invitation emailed');
    return { emailed: true, link: null };
  }
  log.info({ orgId: organization.id, email, link }, 'invitation link (no SMTP_URL: pass it on yourself)');
  return { emailed: false, link };
}
