import { lazy, Suspense, type ReactNode } from 'react';
import { Routes, Route, Navigate } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { PluginNav } from '../../components/PluginNav';
import { useAllowed } from '../../hooks/useAllowed';

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

const App = () => {
  const allowed = useAllowed();
  if (allowed.isLoading) return <Page.Loading />;

  // The panel only hides what a role may not read; every route is also guarded on the server.
  const guard = (ok: boolean, page: ReactNode) => (ok ? page : <Page.NoPermissions />);
  const home = allowed.agreementsRead
    ? 'agreements'
    : allowed.formsRead
      ? 'forms'
      : allowed.consentsRead
        ? 'consents'
        : 'companies';

  return (
    <Layouts.Root sideNav={<PluginNav />}>
      <Suspense fallback={<Page.Loading />}>
        <Routes>
          <Route index element={<Navigate to={home} replace />} />
          <Route path="agreements" element={guard(allowed.agreementsRead, <AgreementsPage />)} />
          <Route path="agreements/new" element={guard(allowed.agreementsManage, <AgreementEditPage />)} />
          <Route path="agreements/:id" element={guard(allowed.agreementsRead, <AgreementEditPage />)} />
          <Route path="forms" element={guard(allowed.formsRead, <FormsPage />)} />
          <Route path="forms/new" element={guard(allowed.formsManage, <FormEditPage />)} />
          <Route path="forms/:id" element={guard(allowed.formsRead, <FormEditPage />)} />
          <Route path="consents" element={guard(allowed.consentsRead, <ConsentsPage />)} />
          <Route path="consents/subject" element={guard(allowed.consentsRead && allowed.personalData, <ConsentSubjectPage />)} />
          <Route path="consents/exports" element={guard(allowed.consentsRead, <ConsentExportsPage />)} />
          <Route path="consents/erasures" element={guard(allowed.consentsRead, <ErasuresPage />)} />
          <Route path="consents/:id" element={guard(allowed.consentsRead, <ConsentDetailPage />)} />
          <Route path="companies" element={guard(allowed.companiesRead, <CompaniesPage />)} />
          <Route path="companies/new" element={guard(allowed.companiesManage, <CompanyEditPage />)} />
          <Route path="companies/:id" element={guard(allowed.companiesRead, <CompanyEditPage />)} />
          <Route path="*" element={<Page.Error />} />
        </Routes>
      </Suspense>
    </Layouts.Root>
  );
};

export default App;
