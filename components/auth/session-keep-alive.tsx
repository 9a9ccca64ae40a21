"use client";

import { getSession } from "next-auth/react";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const MIN_INTERVAL_MS = 5 * 60_000;

/**
 * Server components cannot refresh the session cookie, so activity (navigating) pings the
 * session endpoint at most every five minutes; that rolls the 8-hour idle window. An idle tab
 * sends nothing and its session expires.
 */
export function SessionKeepAlive() {
  const pathname = usePathname();
  const last = useRef(0);
  useEffect(() => {
    const now = Date.now();
    if (now - last.current < MIN_INTERVAL_MS) return;
    last.current = now;
    void getSession();
  }, [pathname]);
  return null;
}
