import { crudRoutes } from './builders';

export default crudRoutes('/companies', 'company', 'companiesRead', 'companiesManage');
