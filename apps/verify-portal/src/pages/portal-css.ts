/**
 * One small stylesheet served from the portal itself, so the pages load nothing from elsewhere (a lookup
 * URL carries personal data, and the Content-Security-Policy allows only this origin). Colours keep at
 * least 4.5:1 contrast against their backgrounds; the status is always said in words as well as colour.
 */
export const PORTAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:"Noto Sans","Segoe UI",Roboto,Arial,sans-serif;line-height:1.55;color:#1b1b1b;background:#f4f6f8}
a{color:#0b4f8a}
a:hover{color:#06345c}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #c25e00;outline-offset:2px}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
header.site{background:#0b3d6b;color:#fff}
header.site .wrap{display:flex;align-items:center;justify-content:space-between;gap:1rem;min-height:3.5rem;flex-wrap:wrap}
header.site a{color:#fff}
.brand{margin:0;font-weight:700;font-size:1.1rem}
.brand a{text-decoration:none}
.lang a{display:inline-block;padding:.35rem .7rem;border:1px solid #fff;border-radius:4px;text-decoration:none}
main{padding:1.5rem 1rem 2.5rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem;color:#0b3d6b}
h2{font-size:1.2rem;margin:0 0 .75rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1.25rem;margin:0 0 1.25rem}
.field{margin:0 0 1rem}
label{display:block;font-weight:700;margin-bottom:.2rem}
.hint{display:block;color:#4a5560;font-size:.92rem;margin-bottom:.35rem}
input[type=text]{width:100%;font:inherit;padding:.6rem .7rem;border:2px solid #5b6770;border-radius:4px;background:#fff;color:#1b1b1b}
input[aria-invalid=true]{border-color:#a4161a}
.field-error{display:block;color:#a4161a;font-weight:700;margin-bottom:.3rem}
button{font:inherit;font-weight:700;background:#0b4f8a;color:#fff;border:0;border-radius:4px;padding:.65rem 1.4rem;cursor:pointer;min-height:2.75rem}
button:hover{background:#06345c}
.note{color:#3d4852}
.errors{border:3px solid #a4161a;background:#fff;padding:1rem 1.25rem;margin:0 0 1.25rem;border-radius:6px}
.errors h2{color:#a4161a}
.errors ul{margin:0;padding-left:1.25rem}
.answer{border-left:.5rem solid;border-radius:6px;padding:1rem 1.25rem;margin:0 0 1.25rem;background:#fff}
.answer h2{font-size:1.35rem;margin:0 0 .4rem}
.answer p{margin:0}
.answer .mark{margin-right:.35rem}
.tone-good{border-color:#1e7b34;background:#e9f6ec}
.tone-good h2{color:#145224}
.tone-bad{border-color:#a4161a;background:#fcebea}
.tone-bad h2{color:#8a1014}
.tone-neutral{border-color:#5b6770;background:#eef1f4}
.tone-neutral h2{color:#2b3640}
dl.facts{display:grid;grid-template-columns:minmax(8rem,12rem) 1fr;gap:.45rem 1rem;margin:0}
dl.facts dt{font-weight:700;color:#3d4852}
dl.facts dd{margin:0;overflow-wrap:anywhere}
@media (max-width:30rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}h1{font-size:1.35rem}}
.decisions{margin:.5rem 0 0;padding-left:1.25rem}
footer.site{border-top:1px solid #d0d7de;background:#fff;color:#3d4852;font-size:.92rem}
footer.site .wrap{padding:1rem}
footer.site ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;gap:1.25rem;flex-wrap:wrap}
`;
