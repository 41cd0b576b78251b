/** The GitHub webhook secret of the browser tests' server; only that throwaway server uses it. */
export const E2E_CODE_REPO_SECRET = 'e2e-code-repo-webhook-secret-not-for-production';
