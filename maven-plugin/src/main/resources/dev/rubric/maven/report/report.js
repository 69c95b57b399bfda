(function(){
var list=document.getElementById('tests');
var rows=function(){return Array.prototype.slice.call(list.querySelectorAll('details.test'));};
list.querySelectorAll('button[data-sort]').forEach(function(h){h.addEventListener('click',function(){
var key=h.getAttribute('data-sort'),dir=h.getAttribute('data-dir')==='asc'?'desc':'asc';
list.querySelectorAll('button[data-sort]').forEach(function(o){o.removeAttribute('data-dir');});
h.setAttribute('data-dir',dir);
rows().sort(function(a,b){var x=a.dataset[key],y=b.dataset[key],nx=parseFloat(x),ny=parseFloat(y);
var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return dir==='asc'?c:-c;})
.forEach(function(r){list.appendChild(r);});});});
document.getElementById('filter').addEventListener('input',function(e){var q=e.target.value.toLowerCase();
rows().forEach(function(r){r.style.display=r.dataset.search.indexOf(q)>=0?'':'none';});});
if(location.hash){var t=document.getElementById(location.hash.substring(1));if(t&&t.tagName==='DETAILS'){t.open=true;}}
})();
