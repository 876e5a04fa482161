/* xlsx: the workbook writer (xlsx.h). */
#include "io/xlsx.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

int xlsx_write(const char *path, const struct table *const *tables, size_t n,
	       struct cn_err *err)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return cn_err_set(err, CN_ERR_INPUT, "%s: cannot create the workbook there", path);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (size_t k = 0; k < n; k++) {
		const struct table *t = tables[k];
		char name[32];
		snprintf(name, sizeof(name), "%s", t->name ? t->name : "Sheet");
		lxw_worksheet *ws = workbook_add_worksheet(wb, name);
		if (ws == NULL) {
			workbook_close(wb);
			return cn_err_set(err, CN_ERR_INTERNAL, "%s: cannot add sheet %s", path,
					  name);
		}
		for (size_t c = 0; c < t->ncols; c++) {
			worksheet_write_string(ws, 0, (lxw_col_t)c, t->columns[c], bold);
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
					     strlen(t->columns[c]) > 12 ? 18 : 12, NULL);
		}
		worksheet_freeze_panes(ws, 1, 0);
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const struct table_cell *cell = table_at(t, r, c);
				lxw_row_t row = (lxw_row_t)(r + 1);
				lxw_col_t col = (lxw_col_t)c;
				if (cell->type == TABLE_TEXT)
					worksheet_write_string(ws, row, col, cell->text, NULL);
				else if (cell->type == TABLE_INT)
					worksheet_write_number(ws, row, col, (double)cell->i, NULL);
				else if (cell->type == TABLE_NUMBER)
					worksheet_write_number(ws, row, col, cell->number, NULL);
			}
		}
	}
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return cn_err_set(err, CN_ERR_INPUT, "%s: the workbook could not be written (%s)",
				  path, lxw_strerror(rc));
	return 0;
}
