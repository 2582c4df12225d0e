// Public on purpose: a version's text is what any visitor is shown; it carries nothing personal.
export default [
  {
    method: 'GET',
    path: '/versions/:id',
    handler: 'public-version.findOne',
    config: { auth: false, policies: [] },
  },
];
