import { otherMethods } from '@/lib/api/methods';
import { jsonResponse, withPublic } from '@/lib/api/handler';
import { healthReport } from '@/lib/health/health-report';

export const dynamic = 'force-dynamic';
export const maxDuration = 5;

export const GET = withPublic(async () => {
  const report = await healthReport();
  return jsonResponse(report, { status: report.status === 'ok' ? 200 : 503 });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
