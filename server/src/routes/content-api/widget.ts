// Public on purpose: the embeddable widget script carries no data; sites load it with a <script> tag.
export default [
  {
    method: 'GET',
    path: '/widget.js',
    handler: 'widget.script',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
];
