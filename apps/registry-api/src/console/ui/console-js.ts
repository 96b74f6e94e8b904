/**
 * The only script: it improves pages that work without it. It moves focus to the error summary (so a
 * screen reader reads the problems first), or else to the field a page names (a typist's next line), and stops a second click from sending a form twice.
 */
export const CONSOLE_JS = `
(function(){
  var summary=document.querySelector('[data-error-summary]');
  if(summary){summary.focus();}
  else{var auto=document.querySelector('[data-autofocus]');var el=auto&&document.getElementById(auto.getAttribute('data-autofocus'));if(el){el.focus();}}
  document.addEventListener('submit',function(e){
    var f=e.target;
    if(f.dataset.sent){e.preventDefault();return;}
    f.dataset.sent='1';
    var b=f.querySelector('button[type=submit]');
    if(b){b.setAttribute('aria-disabled','true');}
  });
})();
`;
