import nodemailer from 'nodemailer';

/**
 * Sends one invitation through the SMTP server of SMTP_URL. The link is the only secret in it and
 * goes to the invited address alone.
 */
export async function sendInvitationEmail(
  { smtpUrl, from }: { smtpUrl: string; from: string },
  { to, organizationName, inviterName, link, expiresAt }: { to: string; organizationName: string; inviterName: string; link: string; expiresAt: Date },
): Promise<void> {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    const until = expiresAt.toUTCString();
    await transport.sendMail({
      from,
      to,
      subject: `${inviterName} invited you to ${organizationName} on Venture Companion`,
      text: `${inviterName} invited you to join ${organizationName} on Venture Companion.\n\nAccept the invitation (sign in or sign up with ${to}):\n${link}\n\nThe link works once and until ${until}.\n`,
    });
  } finally {
    transport.close();
  }
}
