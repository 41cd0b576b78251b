import { z } from 'zod';

export const adminStatsSchema = z.object({
  users: z.number().int(),
  activeAtoms: z.number().int(),
  runs: z.object({ total: z.number().int(), last30Days: z.number().int() }),
});

export type AdminStats = z.infer<typeof adminStatsSchema>;
