// The route from the URL fragment, kept in step with Back/Forward and links.
import { useCallback, useEffect, useState } from 'react';
import { formatRoute, parseRoute, type Route } from './routes';

export function useHashRoute(win: Window): [Route, (route: Route, options?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState(() => parseRoute(win.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(win.location.hash));
    win.addEventListener('hashchange', onChange);
    return () => win.removeEventListener('hashchange', onChange);
  }, [win]);
  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const hash = formatRoute(next);
    if (options.replace) {
      // replaceState fires no hashchange: update the state here.
      win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}${hash}`);
      setRoute(parseRoute(hash));
    } else if (win.location.hash !== hash) {
      win.location.hash = hash;
    }
  }, [win]);
  return [route, navigate];
}
