/**
 * How long a signed-in browser stays signed in without being used. The refresh token stops working
 * after this much inactivity (the embedded auth server enforces it; for Supabase Auth set
 * [auth.sessions] inactivity_timeout to the same value, as supabase/config.toml does), and the
 * session cookie lives exactly as long, renewed each time the session is refreshed.
 */
export const SESSION_INACTIVITY_SECONDS = 30 * 24 * 60 * 60;
