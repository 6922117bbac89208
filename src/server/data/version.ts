/** The accordserver version the embedded server speaks for. */
export const VERSION_INFO = {
  apiVersion: 'v1',
  serverVersion: '0.1.32',
  gitSha: 'accordkit-embedded',
} as const;
