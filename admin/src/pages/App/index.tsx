import { Routes, Route, Navigate } from 'react-router-dom';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { PluginNav } from '../../components/PluginNav';
import { PERMISSIONS } from '../../permissions';
import { CompaniesPage } from '../Companies';

const App = () => {
  const { isLoading, allowedActions } = useRBAC({ read: PERMISSIONS.companiesRead });
  if (isLoading) return <Page.Loading />;

  return (
    <Layouts.Root sideNav={<PluginNav />}>
      <Routes>
        <Route index element={<Navigate to="companies" replace />} />
        <Route
          path="companies/*"
          element={allowedActions.canRead ? <CompaniesPage /> : <Page.NoPermissions />}
        />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Layouts.Root>
  );
};

export default App;
