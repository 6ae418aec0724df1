import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** The accessibility page: commitment, how the site is built, the official AgID statement and the feedback channel. */
export function AccessibilityPage(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.accessibilityStatement} breadcrumb={[{ label: m.accessibilityStatement }]} section="none">
      <h1>{m.accessibilityStatement}</h1>
      <p class="lead">{m.accessibilityIntro}</p>
      {ctx.accessibilityStatementUrl === null ? (
        <p>{m.accessibilityOfficialMissing}</p>
      ) : (
        <p>
          {m.accessibilityOfficial}{' '}
          <a href={ctx.accessibilityStatementUrl} safe>
            {ctx.accessibilityStatementUrl}
          </a>
        </p>
      )}
      <h2>{m.accessibilityHowTitle}</h2>
      <ul>
        {m.accessibilityHow.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h2>{m.accessibilityFeedbackTitle}</h2>
      {ctx.contactEmail === null ? (
        <p>{m.accessibilityFeedbackMissing}</p>
      ) : (
        <p>
          {m.accessibilityFeedback}{' '}
          <a href={`mailto:${ctx.contactEmail}`} safe>
            {ctx.contactEmail}
          </a>
          .
        </p>
      )}
      <p>{m.accessibilityEscalation}</p>
    </Layout>
  );
}
