import { NavLink, Outlet } from "react-router";

const NAV = [
  { to: "/", label: "Playground", end: true },
  { to: "/training", label: "Training", end: false },
  { to: "/analytics", label: "Analytics", end: false },
  { to: "/scenarios", label: "Scenarios", end: false },
  { to: "/data", label: "Data", end: false },
  { to: "/deployments", label: "Deployments", end: false },
] as const;

export function Layout() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand" aria-label="SupportGym home">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>SupportGym</span>
        </NavLink>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} className="nav-link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
