/**
 * The console's one stylesheet, served from /console/assets so pages load nothing from elsewhere. Modelled
 * on the GOV.UK design system: large plain type, one column of form fields, thick focus rings, an error
 * summary on top, status in words as well as colour. Contrast ≥ 4.5:1 throughout. Works from 390 px up.
 */
export const CONSOLE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:"Noto Sans","Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1b1b1b;background:#f4f6f8}
a{color:#0b4f8a}
a:hover{color:#06345c}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #c25e00;outline-offset:2px;box-shadow:0 0 0 6px #ffd7a8}
.wrap{max-width:84rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
header.site{background:#0b3d6b;color:#fff}
header.site .wrap{display:flex;align-items:center;justify-content:space-between;gap:.5rem 1rem;min-height:3.25rem;flex-wrap:wrap;padding-top:.4rem;padding-bottom:.4rem}
header.site a{color:#fff}
.brand{margin:0;font-weight:700;font-size:1.1rem}
.brand a{text-decoration:none}
.who{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap;font-size:.95rem}
.who form{margin:0}
.linkish{background:none;border:1px solid #fff;color:#fff;min-height:0;padding:.3rem .7rem;font-weight:400;border-radius:4px}
.linkish:hover{background:#06345c}
nav.main{background:#e6ecf2;border-bottom:1px solid #c4ced8}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0}
nav.main a{display:block;padding:.6rem .8rem;text-decoration:none;color:#0b3d6b;font-weight:600}
nav.main a[aria-current=page]{background:#fff;border-bottom:4px solid #0b4f8a}
main.wrap{padding-top:1.25rem;padding-bottom:2.5rem}
h1{font-size:1.65rem;line-height:1.25;margin:.25rem 0 1rem;color:#0b3d6b}
h2{font-size:1.25rem;margin:1.5rem 0 .6rem}
.lead{font-size:1.1rem;max-width:44rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1.1rem 1.25rem;margin:0 0 1.25rem}
.card h2{margin-top:0}
.narrow{max-width:34rem}
.field{margin:0 0 1.1rem}
label,.legend{display:block;font-weight:700;margin-bottom:.2rem}
fieldset{border:0;margin:0 0 1.1rem;padding:0}
legend{font-weight:700;margin-bottom:.3rem}
.hint{display:block;color:#4a5560;font-size:.93rem;margin-bottom:.35rem}
input[type=text],input[type=password],input[type=number],input[type=search],select,textarea{width:100%;max-width:30rem;font:inherit;padding:.5rem .6rem;border:2px solid #5b6770;border-radius:3px;background:#fff;color:#1b1b1b}
input.short{max-width:11rem}
input[type=file]{font:inherit;max-width:100%}
input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border-color:#a4161a;border-width:3px}
.field.has-error{border-left:4px solid #a4161a;padding-left:.8rem}
.field-error{display:block;color:#a4161a;font-weight:700;margin-bottom:.3rem}
.radios label{font-weight:400;display:flex;gap:.5rem;align-items:center;margin:.2rem 0}
.button{display:inline-block;font:inherit;font-weight:700;background:#1e6b35;color:#fff;border:0;border-bottom:3px solid #0f3d1d;border-radius:3px;padding:.55rem 1.2rem;cursor:pointer;min-height:2.75rem;text-decoration:none;line-height:1.6}
.button:hover{background:#155227;color:#fff}
.button.secondary{background:#e3e8ed;color:#1b1b1b;border-bottom-color:#8a96a3}
.button.warning{background:#a4161a;border-bottom-color:#5e0c0e}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center;margin:1rem 0}
.errors{border:4px solid #a4161a;background:#fff;padding:1rem 1.25rem;margin:0 0 1.25rem}
.errors h2{color:#a4161a;margin-top:0}
.errors ul{margin:0;padding-left:1.25rem}
.errors a{color:#a4161a;font-weight:700}
.notice{border-left:6px solid #1e6b35;background:#e9f6ec;padding:.8rem 1rem;margin:0 0 1.25rem}
.warning-text{border-left:6px solid #a4161a;background:#fcebea;padding:.8rem 1rem;margin:0 0 1.25rem;font-weight:600}
.table-wrap{position:relative;overflow-x:auto;margin:0 0 1rem;background:#fff;border:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:700;padding:.5rem .6rem}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #d0d7de;vertical-align:top}
thead th{background:#eef1f4;white-space:nowrap}
tbody td:nth-child(-n+2){white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.tag{display:inline-block;padding:.05rem .5rem;font-size:.85rem;font-weight:700;border-radius:2px;white-space:nowrap}
.job{margin:0 0 1.25rem}.job-bar,.upload progress{display:block;width:100%;max-width:40rem;height:1.6rem;accent-color:#0b4f8a}.job-text{font-size:1.1rem;font-weight:600}.upload{margin:1rem 0}
.jobs{list-style:none;padding:0;margin:0 0 1rem}.jobs li{background:#fff;border:1px solid #c4ced8;border-left:6px solid #0b4f8a;padding:.6rem .8rem;margin:0 0 .5rem}.jobs li .hint{display:block}
.tag-blue{background:#dbe8f5;color:#0b3d6b}.tag-green{background:#d5eddb;color:#0f3d1d}.tag-red{background:#f6d7d7;color:#6e0e10}.tag-grey{background:#e3e6e9;color:#2b3640}.tag-amber{background:#fbe6c2;color:#5c3500}
dl.summary{display:grid;grid-template-columns:minmax(9rem,16rem) 1fr;gap:.4rem 1rem;margin:0 0 1rem}
dl.summary dt{font-weight:700;color:#3d4852}
dl.summary dd{margin:0;overflow-wrap:anywhere}
.dossier{list-style:none;padding:0;margin:0 0 1rem}.dossier li{background:#fff;border:1px solid #d0d7de;padding:.5rem .75rem;margin:0 0 .4rem}.dossier-title{font-size:1.2rem}
.hash{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.85rem;word-break:break-all;white-space:normal}
.todo{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem}
.todo li{background:#fff;border:1px solid #d0d7de;border-top:5px solid #0b4f8a;padding:.8rem 1rem}
.todo li.due{border-top-color:#a4161a}
.todo .count{display:block;font-size:2rem;font-weight:700;line-height:1.1}
.acts li{margin:.45rem 0}
.pager{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.subnav ul{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;border-bottom:1px solid #c4ced8}
.subnav a{display:inline-block;padding:.35rem 0;font-weight:600}
.subnav a[aria-current=page]{border-bottom:4px solid #0b4f8a;text-decoration:none;color:#1b1b1b}
.checks{display:grid;gap:.35rem}
label.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin:0}
label.check input{width:1.35rem;height:1.35rem;margin:.15rem 0 0;flex:none}
label.check .hint{margin:0}
.secret{display:inline-block;font-size:1.15rem;background:#fff;border:2px dashed #5b6770;padding:.5rem .75rem;overflow-wrap:anywhere;max-width:100%}
.button.small{min-height:0;padding:.2rem .7rem;font-size:.9rem;border-bottom-width:2px}
.filter-row{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:0 1rem}
.filter-row .field{margin-bottom:.5rem}
td form{margin:0}
td input[type=checkbox]{width:1.35rem;height:1.35rem;margin:0}
.split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.25rem;align-items:start}
.scan-pane{background:#fff;border:1px solid #d0d7de;padding:.75rem;position:sticky;top:.5rem}
.scan-pane img{display:block;max-width:100%;height:auto;border:1px solid #d0d7de;margin-bottom:.75rem}
.entry-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:0 1rem}
.entry-grid .field{margin-bottom:.6rem}
.check-entry dl.summary{grid-template-columns:minmax(7rem,11rem) 1fr;font-size:.95rem}
@media (max-width:60rem){.split{grid-template-columns:1fr}.scan-pane{position:static}}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0;white-space:nowrap}
footer.site{border-top:1px solid #d0d7de;background:#fff;color:#3d4852;font-size:.9rem}
footer.site .wrap{padding:1rem}
@media (max-width:40rem){h1{font-size:1.35rem}dl.summary{grid-template-columns:1fr}dl.summary dd{margin-bottom:.4rem}nav.main a{padding:.5rem .6rem}main{padding-top:1rem}}
`;
