import { Routes, Route, Navigate } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { PluginNav } from '../../components/PluginNav';
import { useAllowed } from '../../hooks/useAllowed';
import { CompaniesPage } from '../Companies';

const App = () => {
  const allowed = useAllowed();
  if (allowed.isLoading) return <Page.Loading />;

  return (
    <Layouts.Root sideNav={<PluginNav />}>
      <Routes>
        <Route index element={<Navigate to="companies" replace />} />
        <Route
          path="companies/*"
          element={allowed.companiesRead ? <CompaniesPage /> : <Page.NoPermissions />}
        />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Layouts.Root>
  );
};

export default App;
