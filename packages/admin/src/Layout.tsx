import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useAuth } from './auth';
import { useSignedInTeamQuery } from './Layout.generated';

const NAV = [
  { to: '/', label: 'Home', end: true },
  { to: '/contacts', label: 'Contacts' },
  { to: '/imports', label: 'Imports' },
  { to: '/segments', label: 'Segments' },
  { to: '/topics', label: 'Topics' },
  { to: '/properties', label: 'Contact properties' },
  { to: '/keys', label: 'API keys' },
];

/** The frame of every signed-in page: navigation (a drawer on phones), sign-out, the page. */
export function Layout() {
  const { signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const [{ data }] = useSignedInTeamQuery();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button type="button" className="menu-button" aria-expanded={open} aria-controls="nav" onClick={() => setOpen(!open)}>
          Menu
        </button>
        <span className="brand">Roster</span>
      </header>
      <nav id="nav" className={open ? 'nav open' : 'nav'} aria-label="Main">
        <span className="brand">Roster</span>
        {data && <span className="team muted">{data.team.name}</span>}
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} onClick={() => setOpen(false)}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <button type="button" className="button ghost sign-out" onClick={signOut}>
          Sign out
        </button>
      </nav>
      <main className="page" id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
