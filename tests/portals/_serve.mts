import { StaticSite } from '../../cli/demo/static-site.ts';
const site = new StaticSite({ root: process.argv[2], port: 18777 });
await site.start();
console.log(site.url);
await new Promise(() => {});
