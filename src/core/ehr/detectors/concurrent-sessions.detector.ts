import { alertOf, type Alert, type Detector } from '../detector.js';
import type { AccessEvent } from '../model.js';

const WINDOW_MS = 5 * 60_000;

/** B1: one user active on two terminals in different places within five minutes (a shared or stolen ID). */
export const concurrentSessions: Detector = {
  rule: 'concurrent_sessions',
  needs: ['terminals'],
  run(input) {
    const { ctx } = input;
    const out: Alert[] = [];
    for (const [userId, evs] of ctx.eventsByUser) {
      const hits: AccessEvent[] = [];
      let last: AccessEvent | null = null;
      for (const e of evs) {
        if (e.at < input.from || e.at >= input.to || !e.terminalId) continue;
        if (last && last.terminalId !== e.terminalId && e.at - last.at <= WINDOW_MS) {
          const a = ctx.data.terminals?.find((t) => t.terminalId === last?.terminalId);
          const b = ctx.data.terminals?.find((t) => t.terminalId === e.terminalId);
          if (a && b && a.location !== b.location && (a.ward !== b.ward || !a.ward)) hits.push(last, e);
        }
        last = e;
      }
      if (hits.length) out.push(alertOf('concurrent_sessions', userId, null, [...new Set(hits)], 60 + Math.min(30, hits.length), `同じIDが離れた端末で5分以内に同時に使用されています（${hits.length / 2}回）`));
    }
    return out;
  },
};
