import { useEffect, useRef } from 'react';
import { api } from './api.js';

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Client half of the idle lock: after `seconds` without input the screen locks (and tells the
 * server). Input also "touches" the server session at most every seconds/3, so that the server's
 * own idle check — the authoritative one — agrees with what the user sees.
 */
export function useIdleLock(enabled: boolean, seconds: number, onLock: () => void): void {
  const lastInput = useRef(Date.now());
  const lastTouch = useRef(Date.now());
  const lockRef = useRef(onLock);
  lockRef.current = onLock;

  useEffect(() => {
    if (!enabled) return;
    lastInput.current = Date.now();
    const touchEvery = Math.max(1000, (seconds * 1000) / 3);
    const onInput = () => {
      const now = Date.now();
      lastInput.current = now;
      if (now - lastTouch.current > touchEvery) {
        lastTouch.current = now;
        api('POST', '/api/auth/touch').catch(() => undefined);
      }
    };
    for (const e of EVENTS) window.addEventListener(e, onInput, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - lastInput.current > seconds * 1000) {
        api('POST', '/api/auth/lock?reason=idle').catch(() => undefined);
        lockRef.current();
      }
    }, 1000);
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, onInput);
      clearInterval(timer);
    };
  }, [enabled, seconds]);
}
