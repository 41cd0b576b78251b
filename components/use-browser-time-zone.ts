'use client';

import { useSyncExternalStore } from 'react';
import { browserTimeZone } from '@/lib/client/time-zones';

const subscribe = () => () => {};

/** The browser's time zone; null while rendering on the server (and in the hydration pass). */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(subscribe, browserTimeZone, () => null);
}
