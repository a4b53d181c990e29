/**
 * Leaving a page that must not be left lightly (a match in progress). The page sets a guard; the
 * router asks it before any route change (main.ts), and closing or reloading the tab meanwhile gets the
 * browser's own "leave site?" warning.
 */

/** Asked before the route changes; resolves true to leave. */
export type LeaveGuard = () => Promise<boolean>;

let guard: LeaveGuard | null = null;
/** The hash of the page that holds the guard (where the person stays when they decline). */
let guardedHash = '';

const beforeUnload = (e: BeforeUnloadEvent) => {
  e.preventDefault();
  e.returnValue = '';
};

/** Install (or with null, remove) the guard of the current page. */
export function setLeaveGuard(g: LeaveGuard | null): void {
  guard = g;
  guardedHash = location.hash;
  if (g) window.addEventListener('beforeunload', beforeUnload);
  else window.removeEventListener('beforeunload', beforeUnload);
}

export function leaveGuard(): { guard: LeaveGuard; hash: string } | null {
  return guard ? { guard, hash: guardedHash } : null;
}
