// import.js: keeps an import's page current while the import runs. The page works
// without it (its link shows the latest progress); with it, the status line and the
// bar follow the import, and the page reloads to show the outcome once it has ended.
'use strict';
(function () {
	const status = document.getElementById('import-status');
	if (!status || !status.dataset.poll) return;
	const poll = async () => {
		let s;
		try {
			const r = await fetch(status.dataset.poll, { credentials: 'same-origin', cache: 'no-store' });
			if (!r.ok) return setTimeout(poll, 3000);
			s = await r.json();
		} catch (e) {
			return setTimeout(poll, 3000);
		}
		if (s.status !== 'running') {
			window.location.reload();
			return;
		}
		if (status.textContent !== s.text) status.textContent = s.text;
		const bar = document.getElementById('import-bar');
		if (bar && s.total > 0) {
			bar.max = s.total;
			bar.value = s.done;
			bar.textContent = s.done + ' of ' + s.total;
		}
		setTimeout(poll, 1000);
	};
	setTimeout(poll, 1000);
})();
