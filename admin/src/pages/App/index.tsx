import { lazy, Suspense, type ReactNode } from 'react';
import { Routes, Route, Navigate } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { PluginNav } from '../../components/PluginNav';
import { useAllowed } from '../../hooks/useAllowed';

const HomePage = lazy(() => import('../Home'));
const AgreementsPage = lazy(() => import('../Agreements'));
const AgreementEditPage = lazy(() => import('../AgreementEdit'));
const FormsPage = lazy(() => import('../Forms'));
const FormEditPage = lazy(() => import('../FormEdit'));
const ConsentsPage = lazy(() => import('../Consents'));
const ConsentDetailPage = lazy(() => import('../ConsentDetail'));
const ConsentSubjectPage = lazy(() => import('../ConsentSubject'));
const ConsentExportsPage = lazy(() => import('../ConsentExports'));
const ErasuresPage = lazy(() => import('../Erasures'));
const CompaniesPage = lazy(() => import('../Companies'));
const CompanyEditPage = lazy(() => import('../CompanyEdit'));
const DeliveriesPage = lazy(() => import('../Deliveries'));
const ImportPage = lazy(() => import('../Import'));

const App = () => {
  const allowed = useAllowed();
  if (allowed.isLoading) return <Page.Loading />;

  // The panel only hides what a role may not read; every route is also guarded on the server.
  type Routed = [path: string, allowed: boolean, page: ReactNode];
  /** A list, its "new" page and a record's page: reading shows the list and the records, managing adds "new". */
  const edited = (path: string, read: boolean, manage: boolean, list: ReactNode, edit: ReactNode): Routed[] => [
    [path, read, list],
    [`${path}/new`, manage, edit],
    [`${path}/:id`, read, edit],
  ];
  const routes: Routed[] = [
    ['overview', allowed.consentsRead, <HomePage />],
    ...edited('agreements', allowed.agreementsRead, allowed.agreementsManage, <AgreementsPage />, <AgreementEditPage />),
    ...edited('forms', allowed.formsRead, allowed.formsManage, <FormsPage />, <FormEditPage />),
    ...edited('companies', allowed.companiesRead, allowed.companiesManage, <CompaniesPage />, <CompanyEditPage />),
    ['consents', allowed.consentsRead, <ConsentsPage />],
    ['consents/subject', allowed.consentsRead && allowed.personalData, <ConsentSubjectPage />],
    ['consents/exports', allowed.consentsRead, <ConsentExportsPage />],
    ['consents/erasures', allowed.consentsRead, <ErasuresPage />],
    ['consents/:id', allowed.consentsRead, <ConsentDetailPage />],
    ['deliveries', allowed.webhooksManage, <DeliveriesPage />],
    ['import', allowed.consentsImport, <ImportPage />],
  ];
  // The overview first (it needs the log); otherwise the first section the role may read.
  const home = allowed.consentsRead
    ? 'overview'
    : allowed.agreementsRead
    ? 'agreements'
    : allowed.formsRead
      ? 'forms'
      : allowed.consentsRead
        ? 'consents'
        : allowed.companiesRead
          ? 'companies'
          : allowed.webhooksManage
            ? 'deliveries'
            : allowed.consentsImport
              ? 'import'
              : 'companies';

  return (
    <Layouts.Root sideNav={<PluginNav />}>
      <Suspense fallback={<Page.Loading />}>
        <Routes>
          <Route index element={<Navigate to={home} replace />} />
          {routes.map(([path, ok, page]) => (
            <Route key={path} path={path} element={ok ? page : <Page.NoPermissions />} />
          ))}
          <Route path="*" element={<Page.Error />} />
        </Routes>
      </Suspense>
    </Layouts.Root>
  );
};

export default App;
