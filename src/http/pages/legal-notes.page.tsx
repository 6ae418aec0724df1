import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** Legal notes: reuse of published data, privacy and cookies, the software's licence. */
export function LegalNotesPage(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.legalNotes} breadcrumb={[{ label: m.legalNotes }]} section="none">
      <h1>{m.legalNotes}</h1>
      <p class="lead">{m.legalIntro}</p>
      <h2>{m.legalReuseTitle}</h2>
      <p>{m.legalReuse}</p>
      <h2>{m.legalPrivacyTitle}</h2>
      <p>{m.legalPrivacy}</p>
      <p>
        <a href={localePath(ctx.locale, '/privacy')}>{m.privacy.title}</a>
      </p>
      <h2>{m.legalSoftwareTitle}</h2>
      <p>{m.legalSoftware}</p>
    </Layout>
  );
}
