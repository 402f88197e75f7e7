import { alertOf, userWindows, type Alert, type Detector } from '../detector.js';
import { NONE } from '../event-table.js';

const WINDOW_MS = 5 * 60_000;

/** B1: one user active on two terminals in different places within five minutes (a shared or stolen ID). */
export const concurrentSessions: Detector = {
  rule: 'concurrent_sessions',
  needs: ['terminals'],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const out: Alert[] = [];
    for (const { user, evs } of userWindows(input)) {
      const hits: number[] = [];
      let last = -1;
      for (const i of evs) {
        const term = t.terminal[i] ?? NONE;
        if (term === NONE) continue;
        const lastTerm = last < 0 ? NONE : (t.terminal[last] ?? NONE);
        if (last >= 0 && lastTerm !== term && (t.at[i] ?? 0) - (t.at[last] ?? 0) <= WINDOW_MS) {
          const a = ctx.terminalOf[lastTerm];
          const b = ctx.terminalOf[term];
          if (a && b && a.location !== b.location && (a.ward !== b.ward || !a.ward)) hits.push(last, i);
        }
        last = i;
      }
      if (hits.length) out.push(alertOf('concurrent_sessions', ctx, user, null, [...new Set(hits)], 60 + Math.min(30, hits.length), `同じIDが離れた端末で5分以内に同時に使用されています（${hits.length / 2}回）`));
    }
    return out;
  },
};
