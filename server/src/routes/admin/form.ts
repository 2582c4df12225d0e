import { crudRoutes } from './builders';

export default crudRoutes('/forms', 'form', 'formsRead', 'formsManage');
