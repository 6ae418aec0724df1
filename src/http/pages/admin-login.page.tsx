import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export interface AdminLoginPageProps {
  ctx: PageContext;
  csrfToken: string;
  /** The email typed before, kept after a failure. */
  email?: string;
  error?: 'invalid' | 'too-many';
}

/** The back office's sign-in form: email and password, posted with its CSRF token; works without JavaScript. */
export function AdminLoginPage(props: AdminLoginPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.loginTitle} breadcrumb={[{ label: m.loginTitle }]} section="none">
      <h1>{m.loginTitle}</h1>
      <p class="lead">{m.loginIntro}</p>
      {props.error === undefined ? (
        ''
      ) : (
        <div class="alert alert-danger" role="alert" id="login-error">
          {props.error === 'invalid' ? m.loginInvalid : m.loginTooMany}
        </div>
      )}
      <form method="post" action={localePath(ctx.locale, '/admin/login')} class="col-lg-6" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div class="form-group">
          <label for="login-email" class="active">
            {m.loginEmail}
          </label>
          <input type="email" id="login-email" name="email" class="form-control" autocomplete="username" required value={props.email ?? ''} />
        </div>
        <div class="form-group">
          <label for="login-password" class="active">
            {m.loginPassword}
          </label>
          <input type="password" id="login-password" name="password" class="form-control" autocomplete="current-password" required />
        </div>
        <button type="submit" class="btn btn-primary">
          {m.loginSubmit}
        </button>
      </form>
    </Layout>
  );
}
