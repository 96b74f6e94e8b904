/**
 * The only script: it improves pages that work without it. It moves focus to the error summary (so a
 * screen reader reads the problems first), or else to the field a page names (a typist's next line), and stops a second click from sending a form twice.
 * A job's page (issue 13 item 4) asks for the job's status once a second and moves its bar in place (without
 * the script the page refreshes itself), reloading when the job ends. A large file (from 256 KB) is sent
 * by XHR with an upload bar; the answer is then opened as the plain form's would be.
 */
export const CONSOLE_JS = `
(function(){
  var summary=document.querySelector('[data-error-summary]');
  if(summary){summary.focus();}
  else{var auto=document.querySelector('[data-autofocus]');var el=auto&&document.getElementById(auto.getAttribute('data-autofocus'));if(el){el.focus();}}
  var vi=document.documentElement.lang!=='en';
  var job=document.querySelector('[data-job-status]');
  var url=job&&job.getAttribute('data-job-status');
  if(url){
    var bar=job.querySelector('progress'),text=job.querySelector('.job-text');
    var tick=function(){
      var x=new XMLHttpRequest();x.open('GET',url);x.responseType='json';
      x.onload=function(){
        var s=x.status===200&&x.response;
        if(!s){setTimeout(tick,3000);return;}
        if(s.state!=='running'){location.reload();return;}
        if(bar&&s.percent!==null){bar.value=s.percent;bar.textContent=s.percent+' %';}else if(bar){bar.removeAttribute('value');}
        if(text&&text.textContent!==s.text){text.textContent=s.text;}
        setTimeout(tick,1000);
      };
      x.onerror=function(){setTimeout(tick,3000);};
      x.send();
    };
    setTimeout(tick,1000);
  }
  document.addEventListener('submit',function(e){
    var f=e.target,file=f.querySelector('input[type=file]');
    if(f.dataset.sent||f.enctype!=='multipart/form-data'||!window.FormData||!file||!file.files||!file.files[0]||file.files[0].size<262144){return;}
    e.preventDefault();f.dataset.sent='1';
    var box=document.createElement('div');box.className='upload';
    box.innerHTML='<label for="upload-bar">'+(vi?'Đang tải tệp lên':'Uploading the file')+'</label><progress id="upload-bar" max="100" value="0">0 %</progress><span role="status" aria-live="polite"></span>';
    var actions=f.querySelector('.actions');f.insertBefore(box,actions);
    var up=box.querySelector('progress'),said=box.querySelector('span');
    var x=new XMLHttpRequest();x.open('POST',f.action);
    x.upload.onprogress=function(ev){if(ev.lengthComputable){var p=Math.floor(ev.loaded*100/ev.total);up.value=p;up.textContent=p+' %';said.textContent=p+' %';}};
    x.upload.onload=function(){up.value=100;said.textContent=vi?'Đã tải lên; đang kiểm tra tệp…':'Uploaded; checking the file…';};
    x.onload=function(){
      if(x.status<400&&x.responseURL){location.assign(x.responseURL);return;}
      document.open();document.write(x.responseText);document.close();
    };
    x.onerror=function(){delete f.dataset.sent;box.remove();f.submit();};
    x.send(new FormData(f));
  });
  document.addEventListener('submit',function(e){
    var f=e.target;
    if(f.dataset.sent){e.preventDefault();return;}
    f.dataset.sent='1';
    var b=f.querySelector('button[type=submit]');
    if(b){b.setAttribute('aria-disabled','true');}
  });
})();
`;
