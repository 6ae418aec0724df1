import { CARD_COLUMNS } from '../../formats/opendata-cards.ts';
import { COST_COLUMNS } from '../../formats/opendata-costs.ts';
import { COSTS_DATASET_PATH, SATISFACTION_DATASET_PATH, type ClassActionDatasetSummary, type CostsDatasetSummary } from './opendata-catalogue.ts';
import { CLASS_ACTION_CSV } from '../pages/transparency-paths.ts';
import { SATISFACTION_COLUMNS } from '../../formats/opendata-satisfaction.ts';
import { LICENSE_IRI } from '../../formats/opendata-dcatapit.ts';
import { RESULT_COLUMNS } from '../../formats/opendata-results.ts';
import type { OpenDataColumn } from '../../formats/opendata-table.ts';
import { Layout } from '../pages/layout.tsx';
import type { PageContext } from '../pages/page-context.ts';
import { formatDate } from '../view/format.ts';
import { CATALOGUE_PATH, DATASET_FORMATS, datasetPathOf, type OpenDataset } from './opendata-datasets.ts';

export interface OpenDataPageProps {
  ctx: PageContext;
  datasets: OpenDataset[];
  /** The costi contabilizzati dataset, one over all its years, when there are costs. */
  costs?: CostsDatasetSummary | null;
  /** The satisfaction votes dataset, one over all its years, when there are votes. */
  satisfaction?: CostsDatasetSummary | null;
  /** The class-action dataset, when a ricorso was ever recorded. */
  classActions?: ClassActionDatasetSummary | null;
}

/** A row of a dataset published as one CSV over several years (costs, class actions). */
function CsvDatasetRow(props: { ctx: PageContext; id: string; fromYear: number; toYear: number; title: string; href: string; modified: string }): JSX.Element {
  const { ctx } = props;
  return (
    <tr id={props.id}>
      <td>{props.fromYear === props.toYear ? String(props.fromYear) : `${props.fromYear}–${props.toYear}`}</td>
      <th scope="row" safe>{props.title}</th>
      <td>
        <a href={props.href} aria-label={ctx.messages.openDataDownload('CSV', props.title)}>CSV</a>
      </td>
      <td>
        <time datetime={props.modified}>{formatDate(ctx.locale, props.modified)}</time>
      </td>
      <td>
        <a href={LICENSE_IRI} rel="license">
          CC BY 4.0
        </a>
      </td>
    </tr>
  );
}

function titleOf(ctx: PageContext, dataset: Pick<OpenDataset, 'kind' | 'year'>): string {
  return dataset.kind === 'carte' ? ctx.messages.openDataCardsTitle(dataset.year) : ctx.messages.openDataResultsTitle(dataset.year);
}

function ColumnTable(props: { ctx: PageContext; id: string; title: string; columns: readonly OpenDataColumn[]; meanings: Record<string, string> }): JSX.Element {
  const m = props.ctx.messages;
  return (
    <section aria-labelledby={props.id}>
      <h3 id={props.id}>{m.openDataColumnsTitle(props.title)}</h3>
      <div class="table-responsive">
        <table class="table table-sm">
          <thead>
            <tr>
              <th scope="col">{m.openDataColumn}</th>
              <th scope="col">{m.openDataColumnMeaning}</th>
            </tr>
          </thead>
          <tbody>
            {props.columns.map((column) => (
              <tr>
                <th scope="row">
                  <code safe>{column.name}</code>
                </th>
                <td safe>{props.meanings[column.name] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The open data page: licence, the DCAT-AP_IT catalogue, every dataset with its files, and what the columns mean. */
export function OpenDataPage(props: OpenDataPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.openData} breadcrumb={[{ label: m.openData }]} section="none">
      <h1>{m.openData}</h1>
      <p class="lead">{m.openDataIntro}</p>
      <h2>{m.openDataLicenceTitle}</h2>
      <p>
        {m.openDataLicence}{' '}
        <a href={LICENSE_IRI} rel="license">
          {m.openDataLicenceName}
        </a>
        . {m.openDataLicenceReuse}
      </p>
      <h2>{m.openDataCatalogueTitle}</h2>
      <p>
        {m.openDataCatalogueText}{' '}
        <a href={CATALOGUE_PATH} type="application/ld+json">
          {m.openDataCatalogueLink}
        </a>
        .
      </p>
      <h2 id="datasets-heading">{m.openDataDatasetsTitle}</h2>
      <div class="table-responsive">
        <table class="table">
          <caption>{m.openDataTableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.openDataYear}</th>
              <th scope="col">{m.openDataDataset}</th>
              <th scope="col">{m.openDataFormats}</th>
              <th scope="col">{m.openDataModified}</th>
              <th scope="col">{m.openDataLicenceTitle}</th>
            </tr>
          </thead>
          <tbody>
            {props.datasets.map((dataset) => {
              const title = titleOf(ctx, dataset);
              return (
                <tr>
                  <td>{String(dataset.year)}</td>
                  <th scope="row" safe>
                    {title}
                  </th>
                  <td>
                    <ul class="list-inline mb-0">
                      {DATASET_FORMATS.map((format) => (
                        <li class="list-inline-item">
                          <a href={datasetPathOf(dataset.kind, dataset.year, format)} aria-label={m.openDataDownload(format.toUpperCase(), title)}>
                            {format.toUpperCase()}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <time datetime={dataset.modified}>{formatDate(ctx.locale, dataset.modified)}</time>
                  </td>
                  <td>
                    <a href={LICENSE_IRI} rel="license">
                      CC BY 4.0
                    </a>
                  </td>
                </tr>
              );
            })}
            {props.costs === undefined || props.costs === null ? '' : (
              <CsvDatasetRow ctx={ctx} id="dataset-costi" {...props.costs} title={m.costs.openDataTitle} href={COSTS_DATASET_PATH} />
            )}
            {props.classActions === undefined || props.classActions === null ? '' : (
              <CsvDatasetRow ctx={ctx} id="dataset-class-action" {...props.classActions} title={m.classActions.openDataTitle} href={CLASS_ACTION_CSV} />
            )}
            {props.satisfaction === undefined || props.satisfaction === null ? '' : (
              <CsvDatasetRow ctx={ctx} id="dataset-soddisfazione" {...props.satisfaction} title={m.satisfaction.openDataTitle} href={SATISFACTION_DATASET_PATH} />
            )}
          </tbody>
        </table>
      </div>
      <h2>{m.openDataFormatTitle}</h2>
      <p>{m.openDataFormatCsv}</p>
      <p>{m.openDataFormatJson}</p>
      <ColumnTable ctx={ctx} id="columns-carte" title={m.openDataCardsName} columns={CARD_COLUMNS} meanings={m.openDataCardColumns} />
      <ColumnTable ctx={ctx} id="columns-risultati" title={m.openDataResultsName} columns={RESULT_COLUMNS} meanings={m.openDataResultColumns} />
      {props.costs === undefined || props.costs === null ? '' : <ColumnTable ctx={ctx} id="columns-costi" title={m.costs.openDataTitle} columns={COST_COLUMNS} meanings={m.costs.openDataColumns} />}
      {props.satisfaction === undefined || props.satisfaction === null ? '' : <ColumnTable ctx={ctx} id="columns-soddisfazione" title={m.satisfaction.openDataTitle} columns={SATISFACTION_COLUMNS} meanings={m.satisfaction.openDataColumns} />}
    </Layout>
  );
}
