import type { Children } from '@kitajs/html';
import { LOCALES, localePath, messagesOf } from '../i18n/locale.ts';
import { Icon } from './parts/icon.tsx';
import type { PageContext } from './page-context.ts';

/** One step of the breadcrumb; the last one (the current page) has no link. */
export interface Crumb {
  label: string;
  /** A site path without the locale prefix. */
  href?: string;
}

export type NavSection = 'home' | 'services' | 'transparency' | 'none';

export interface LayoutProps {
  ctx: PageContext;
  /** The page's own title; the site name is appended for the browser tab. */
  title: string;
  /** The steps after Home; empty on the home page. */
  breadcrumb: Crumb[];
  section: NavSection;
  children?: Children;
}

/** What every page's <head> starts with: charset, viewport, title and the site's stylesheets (no script: the CSP). */
export function DocumentHead(props: { ctx: PageContext; title: string }): JSX.Element {
  return (
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title safe>{`${props.title} — ${props.ctx.siteName}`}</title>
      <link rel="stylesheet" href="/static/bootstrap-italia/css/bootstrap-italia.min.css" />
      <link rel="stylesheet" href="/static/site/site.css" />
    </>
  );
}

/** The page shell: Bootstrap Italia header, navigation, breadcrumb, main content and footer. */
export function Layout(props: LayoutProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const href = (path: string) => localePath(ctx.locale, path);
  const nav: { section: NavSection; label: string; path: string }[] = [
    { section: 'home', label: m.home, path: '/' },
    { section: 'services', label: m.services, path: '/servizi' },
    { section: 'transparency', label: m.servicesProvided, path: '/amministrazione-trasparente/servizi-erogati' },
  ];
  const accessibilityHref = ctx.accessibilityStatementUrl ?? href('/dichiarazione-di-accessibilita');
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <DocumentHead ctx={ctx} title={props.title} />
          {LOCALES.map((locale) => (
            <link rel="alternate" hreflang={locale} href={localePath(locale, ctx.path)} />
          ))}
        </head>
        <body>
          <div class="skiplinks">
            <a class="visually-hidden-focusable" href="#main-content">
              {m.skipToContent}
            </a>
            <a class="visually-hidden-focusable" href="#footer">
              {m.skipToFooter}
            </a>
          </div>
          <header class="it-header-wrapper">
            <div class="it-header-slim-wrapper">
              <div class="container">
                <div class="row">
                  <div class="col-12">
                    <div class="it-header-slim-wrapper-content">
                      <span class="d-lg-block navbar-brand" safe>
                        {ctx.siteName}
                      </span>
                      <div class="it-header-slim-right-zone">
                        <nav aria-label={m.languageSwitchLabel}>
                          <ul class="lang-switch">
                            {LOCALES.map((locale) => {
                              const other = messagesOf(locale);
                              return (
                                <li>
                                  <a
                                    href={localePath(locale, ctx.path)}
                                    lang={locale}
                                    hreflang={locale}
                                    aria-current={locale === ctx.locale ? 'true' : undefined}
                                  >
                                    {other.langShort}
                                    <span class="visually-hidden"> ({other.langName})</span>
                                  </a>
                                </li>
                              );
                            })}
                          </ul>
                        </nav>
                      </div>
                    </div>
                  </div>
                </div>
              </div>
            </div>
            <div class="it-nav-wrapper">
              <div class="it-header-center-wrapper">
                <div class="container">
                  <div class="row">
                    <div class="col-12">
                      <div class="it-header-center-content-wrapper">
                        <Brand home={href('/')} name={ctx.siteName} tagline={m.siteTagline} taglineClass="it-brand-tagline d-none d-md-block" logoUrl={ctx.logoUrl ?? null} />
                      </div>
                    </div>
                  </div>
                </div>
              </div>
              <div class="it-header-navbar-wrapper">
                <div class="container">
                  <div class="row">
                    <div class="col-12">
                      <nav class="navbar site-nav" aria-label={m.mainNavLabel}>
                        <ul class="navbar-nav">
                          {nav.map((item) => (
                            <li class="nav-item">
                              <a class="nav-link" href={href(item.path)} aria-current={item.section === props.section ? 'page' : undefined}>
                                <span>{item.label}</span>
                              </a>
                            </li>
                          ))}
                        </ul>
                      </nav>
                    </div>
                  </div>
                </div>
              </div>
            </div>
          </header>
          <main id="main-content" class="container my-4">
            {props.breadcrumb.length === 0 ? '' : <Breadcrumb ctx={ctx} crumbs={props.breadcrumb} />}
            {ctx.catchingUp === true ? <div class="alert alert-info" role="status">{m.catchingUpNotice}</div> : ''}
            {props.children}
          </main>
          <footer class="it-footer" id="footer">
            <div class="it-footer-main">
              <div class="container">
                <div class="row">
                  <div class="col-12 py-4">
                    <Brand home={href('/')} name={ctx.siteName} tagline={m.siteTagline} taglineClass="it-brand-tagline" logoUrl={ctx.logoUrl ?? null} />
                  </div>
                </div>
                <div class="row">
                  <div class="col-12 pb-4">
                    <ul class="list-unstyled">
                      <li>
                        <a href={href('/amministrazione-trasparente/servizi-erogati')}>{`${m.transparency} › ${m.servicesProvided}`}</a>
                      </li>
                      <li>
                        <a href={href('/amministrazione-trasparente/servizi-erogati/carta-dei-servizi-e-standard-di-qualita')}>{m.serviceCharter}</a>
                      </li>
                      <li>
                        <a href={href('/opendata')}>{m.openData}</a>
                      </li>
                    </ul>
                    <p class="mb-0">{m.footerPoweredBy}</p>
                  </div>
                </div>
              </div>
            </div>
            <div class="it-footer-small-prints clearfix">
              <div class="container">
                <h2 class="visually-hidden">{m.footerUsefulLinks}</h2>
                <ul class="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
                  <li class="list-inline-item">
                    <a href={accessibilityHref} data-element="accessibility-link">
                      {m.accessibilityStatement}
                    </a>
                  </li>
                  <li class="list-inline-item">
                    <a href={href('/note-legali')} data-element="legal-notes">
                      {m.legalNotes}
                    </a>
                  </li>
                  <li class="list-inline-item">
                    <a href={href('/privacy')} data-element="privacy-policy-link">
                      {m.privacy.title}
                    </a>
                  </li>
                </ul>
              </div>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

function Breadcrumb(props: { ctx: PageContext; crumbs: Crumb[] }): JSX.Element {
  const { ctx } = props;
  const crumbs: Crumb[] = [{ label: ctx.messages.home, href: '/' }, ...props.crumbs];
  return (
    <nav class="breadcrumb-container" aria-label={ctx.messages.breadcrumbLabel}>
      <ol class="breadcrumb">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          if (last) {
            return (
              <li class="breadcrumb-item active" aria-current="page" safe>
                {crumb.label}
              </li>
            );
          }
          return (
            <li class="breadcrumb-item">
              {crumb.href === undefined ? <span safe>{crumb.label}</span> : <a href={localePath(ctx.locale, crumb.href)} safe>{crumb.label}</a>}
              <span class="separator" aria-hidden="true">
                /
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The administration's mark and name, linking home: the same in the header and the footer. */
function Brand(props: { home: string; name: string; tagline: string; taglineClass: string; logoUrl: string | null }): JSX.Element {
  return (
    <div class="it-brand-wrapper">
      <a href={props.home}>
        {/* The logo is decorative: the name beside it says whose it is. */}
        {props.logoUrl === null ? <Icon name="it-pa" /> : <img class="icon" src={props.logoUrl} alt="" />}
        <div class="it-brand-text">
          <div class="it-brand-title" safe>
            {props.name}
          </div>
          <div class={props.taglineClass}>{props.tagline}</div>
        </div>
      </a>
    </div>
  );
}
