/*
 * validate.c - the rules a shop must meet before anything is planned.
 * Readers catch what they can at the exact scalar; this is the one place
 * that holds every rule, for shops read from files, the store or code.
 */
#include "validate.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vctx {
	const struct bp_shop *s;
	const char *file;
	struct bp_err *err;
	char rec[96];
};

static int fail(struct vctx *v, struct bp_pos pos, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int fail(struct vctx *v, struct bp_pos pos, const char *field, const char *fmt, ...)
{
	char sentence[400];
	struct bp_err *e = v->err;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sentence, sizeof sentence, fmt, ap);
	va_end(ap);
	if (!e)
		return BP_EDATA;
	/* With a file the message is printed after file:line:col, so it names
	 * the record itself; without one, bp_err_format puts the record first. */
	if (v->file && v->file[0] && pos.line > 0)
		bp_err_at(e, BP_EDATA, v->file, pos.line, pos.col, "%s: %s", v->rec, sentence);
	else
		bp_err_rec(e, BP_EDATA, v->rec, field, "%s", sentence);
	snprintf(e->record, sizeof e->record, "%s", v->rec);
	snprintf(e->field, sizeof e->field, "%s", field);
	e->line = pos.line;
	e->col = pos.col;
	return BP_EDATA;
}

/* Names the record the following checks are about. */
static void rec(struct vctx *v, const char *kind, const char *id, int idx)
{
	if (id && id[0])
		snprintf(v->rec, sizeof v->rec, "%s %s", kind, id);
	else
		snprintf(v->rec, sizeof v->rec, "%s #%d", kind, idx + 1);
}

static const char *span_str(struct bp_span sp, char *buf, size_t n)
{
	if (sp.start >= 0 && sp.end >= 0 && sp.start <= 9999 && sp.end <= 9999)
		bp_span_format(sp, buf, n);
	else
		snprintf(buf, n, "minutes %d-%d", sp.start, sp.end);
	return buf;
}

static const char *time_str(int m, char *buf, size_t n)
{
	if (m >= 0 && m <= 9999)
		bp_time_format(m, buf, n);
	else
		snprintf(buf, n, "minute %d", m);
	return buf;
}

static int time_ok(int m)
{
	return m >= 0 && m <= 24 * 60;
}

/* A span within the day that ends after it starts. */
static int span_check(struct vctx *v, struct bp_pos pos, const char *field, const char *what,
		      struct bp_span sp)
{
	char b[40];
	span_str(sp, b, sizeof b);
	if (!time_ok(sp.start) || !time_ok(sp.end))
		return fail(v, pos, field, "%s %s is outside the day (00:00-24:00)", what, b);
	if (sp.end < sp.start)
		return fail(v, pos, field, "%s %s ends before it starts", what, b);
	if (sp.end == sp.start)
		return fail(v, pos, field, "%s %s ends when it starts", what, b);
	return BP_OK;
}

static int nonneg(struct vctx *v, struct bp_pos pos, const char *field, double x)
{
	if (!isfinite(x))
		return fail(v, pos, field, "%s is not a number", field);
	if (x < 0)
		return fail(v, pos, field, "%s %g is negative", field, x);
	return BP_OK;
}

/* At most `max`, after nonneg's checks. */
static int upto(struct vctx *v, struct bp_pos pos, const char *field, double x, double max)
{
	int rc = nonneg(v, pos, field, x);
	if (!rc && x > max)
		return fail(v, pos, field, "%s %g is more than %g", field, x, max);
	return rc;
}

static int day_ok(int d)
{
	return d >= 0 && d <= BP_DAY_MAX;
}

static int level_of(struct vctx *v, struct bp_pos pos, const char *field, int lv)
{
	if (lv < 1 || lv > BP_LEVELS)
		return fail(v, pos, field, "level %d is outside 1-%d", lv, BP_LEVELS);
	return BP_OK;
}

/* ---- ids ---- */

struct idref {
	const char *id;
	int idx;
};

static int idref_cmp(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

#define AT(base, stride, i, off) ((const char *)(base) + (size_t)(i) * (stride) + (off))

/* The code point at s (its length in *len), or -1 when the bytes there are
 * not UTF-8. */
static long utf8_at(const unsigned char *s, int *len)
{
	unsigned c = s[0];
	int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
		: (c & 0xF8) == 0xF0 ? 4 : 0;
	long cp = n == 1 ? (long)c : n == 2 ? (long)(c & 0x1F) : n == 3 ? (long)(c & 0x0F)
		: (long)(c & 0x07);
	static const long min[] = {0, 0, 0x80, 0x800, 0x10000};
	if (!n)
		return -1;
	for (int k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*len = n;
	return cp;
}

static int is_space(long cp)
{
	return cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Control characters, and the format characters that print as nothing
 * (zero-width spaces and joiners, direction marks, the BOM, soft hyphen,
 * line and paragraph separators, tags): two ids that look the same must be
 * the same id. */
static int is_hidden(long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || cp == 0x061C ||
	       cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
	       cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
	       (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE007F);
}

/* What is wrong with an id, as a sentence in buf; NULL when nothing. Ids
 * are compared byte for byte, so "T1 " would be another technician than
 * "T1"; a comma would make the comma-separated job lists (reorder.jobs)
 * ambiguous. An id that holds what does not print is not quoted. */
static const char *id_flaw(const char *field, const char *id, char *buf, size_t n)
{
	const unsigned char *s = (const unsigned char *)id;
	long cp = 0, first = -2;
	int len = 0;
	for (size_t i = 0; s[i]; i += (size_t)len) {
		if ((cp = utf8_at(s + i, &len)) < 0) {
			snprintf(buf, n, "the %s is not UTF-8 text", field);
			return buf;
		}
		if (first == -2)
			first = cp;
		if (is_hidden(cp)) {
			snprintf(buf, n, "the %s holds an invisible or control character "
				 "(U+%04lX); remove it", field, cp);
			return buf;
		}
	}
	if (strchr(id, ','))
		snprintf(buf, n, "the %s '%s' holds a comma, which separates ids in lists; use "
			 "another character", field, id);
	else if (is_space(first) || is_space(cp))
		snprintf(buf, n, "the %s '%s' %s with a space; remove it", field, id,
			 is_space(first) ? "starts" : "ends");
	else
		return NULL;
	return buf;
}

/* Empty or repeated ids in an array of records; reports the record that
 * comes first in the file among the repeats. Sorting keeps big shops fast. */
static int ids_check(struct vctx *v, const char *kind, const char *field, const void *base,
		     size_t stride, size_t id_off, size_t pos_off, int n)
{
	struct bp_pos pos;
	char why[200];
	for (int i = 0; i < n; i++) {
		const char *id = AT(base, stride, i, id_off), *flaw;
		memcpy(&pos, AT(base, stride, i, pos_off), sizeof pos);
		if (!id[0]) {
			rec(v, kind, "", i);
			return fail(v, pos, field, "the %s is empty", field);
		}
		if ((flaw = id_flaw(field, id, why, sizeof why))) {
			/* Named by number: the id itself may not print. */
			rec(v, kind, "", i);
			return fail(v, pos, field, "%s", flaw);
		}
	}
	if (n < 2)
		return BP_OK;
	struct idref *ix = malloc((size_t)n * sizeof *ix);
	if (!ix)
		return bp_err_set(v->err, BP_EINTERNAL, "out of memory validating the shop");
	for (int i = 0; i < n; i++) {
		ix[i].id = AT(base, stride, i, id_off);
		ix[i].idx = i;
	}
	qsort(ix, (size_t)n, sizeof *ix, idref_cmp);
	int dup = -1, first = -1;
	for (int i = 1, head = 0; i < n; i++) {
		if (strcmp(ix[i].id, ix[i - 1].id)) {
			head = i;
			continue;
		}
		if (dup < 0 || ix[i].idx < dup) {
			dup = ix[i].idx;
			first = ix[head].idx;
		}
	}
	free(ix);
	if (dup < 0)
		return BP_OK;
	struct bp_pos fpos;
	memcpy(&pos, AT(base, stride, dup, pos_off), sizeof pos);
	memcpy(&fpos, AT(base, stride, first, pos_off), sizeof fpos);
	rec(v, kind, AT(base, stride, dup, id_off), dup);
	if (fpos.line > 0)
		return fail(v, pos, field, "the %s '%s' is used twice (first at line %d)", field,
			    AT(base, stride, dup, id_off), fpos.line);
	return fail(v, pos, field, "the %s '%s' is used twice (first by %s #%d)", field,
		    AT(base, stride, dup, id_off), kind, first + 1);
}

#define IDS(v, kind, field, arr, n, idf) \
	ids_check(v, kind, field, arr, sizeof *(arr), offsetof(__typeof__(*(arr)), idf), \
		  offsetof(__typeof__(*(arr)), pos), n)

/* ---- sections ---- */

static int check_info(struct vctx *v)
{
	const struct bp_shop_info *in = &v->s->info;
	char a[16], b[16];
	int m = in->slot_minutes, rc;
	snprintf(v->rec, sizeof v->rec, "shop");
	if (m != 5 && m != 10 && m != 15 && m != 30)
		return fail(v, in->pos, "slot_minutes", "slot_minutes %d is not 5, 10, 15 or 30", m);
	if (!time_ok(in->open))
		return fail(v, in->pos, "open", "open %s is outside the day",
			    time_str(in->open, a, sizeof a));
	if (!time_ok(in->close))
		return fail(v, in->pos, "close", "close %s is outside the day",
			    time_str(in->close, a, sizeof a));
	if (in->close <= in->open)
		return fail(v, in->pos, "close", "close %s is not after open %s",
			    time_str(in->close, a, sizeof a), time_str(in->open, b, sizeof b));
	if ((rc = upto(v, in->pos, "overtime_minutes", in->overtime_minutes, 24 * 60)) ||
	    (rc = upto(v, in->pos, "advisors", in->advisors, 10000)) ||
	    (rc = upto(v, in->pos, "advisor_checkins_per_hour", in->advisor_checkins_per_hour,
		       10000)) ||
	    (rc = upto(v, in->pos, "loan_cars", in->loan_cars, 10000)) ||
	    (rc = upto(v, in->pos, "wash_bays", in->wash_bays, 10000)))
		return rc;
	for (int i = 0; i < BP_SUPPLIES; i++)
		if (in->lead_hours[i] < 0 || in->lead_hours[i] > BP_MAX_LEAD_HOURS)
			return fail(v, in->pos, "lead_hours", "lead_hours for %s parts %d is not "
				    "from 0 to %d", bp_supply_name((enum bp_supply)i),
				    in->lead_hours[i], BP_MAX_LEAD_HOURS);
	return BP_OK;
}

static int check_kinds(struct vctx *v)
{
	const struct bp_shop *s = v->s;
	struct bp_pos none = {0, 0};
	int rc;
	snprintf(v->rec, sizeof v->rec, "shop");
	if (s->nskills < 0 || s->nskills > BP_MAX_SKILLS)
		return fail(v, none, "skills", "%d skills; at most %d", s->nskills, BP_MAX_SKILLS);
	if (s->nbay_types < 0 || s->nbay_types > BP_MAX_BAY_TYPES)
		return fail(v, none, "bay_types", "%d bay types; at most %d", s->nbay_types,
			    BP_MAX_BAY_TYPES);
	if ((rc = IDS(v, "skill", "id", s->skills, s->nskills, id)) ||
	    (rc = IDS(v, "bay type", "id", s->bay_types, s->nbay_types, id)))
		return rc;
	unsigned all = s->nbay_types >= 32 ? ~0u : (1u << s->nbay_types) - 1;
	for (int i = 0; i < s->nbay_types; i++) {
		const struct bp_bay_type *t = &s->bay_types[i];
		rec(v, "bay type", t->id, i);
		if (!(t->serves >> i & 1u))
			return fail(v, t->pos, "also", "it does not serve its own work");
		if (t->serves & ~all)
			return fail(v, t->pos, "also", "it serves a bay type that does not exist");
	}
	return BP_OK;
}

static int check_bays(struct vctx *v)
{
	const struct bp_shop *s = v->s;
	int rc = IDS(v, "bay", "id", s->bays, s->nbays, id);
	for (int i = 0; !rc && i < s->nbays; i++) {
		const struct bp_bay *b = &s->bays[i];
		rec(v, "bay", b->id, i);
		if (b->type < 0 || b->type >= s->nbay_types)
			return fail(v, b->pos, "type", "its type (#%d) is not a bay type", b->type);
		if (b->nclosed < 0 || b->nclosed > BP_MAX_SPANS)
			return fail(v, b->pos, "closed", "%d closed periods; at most %d", b->nclosed,
				    BP_MAX_SPANS);
		for (int k = 0; !rc && k < b->nclosed; k++)
			rc = span_check(v, b->pos, "closed", "closed period", b->closed[k]);
	}
	return rc;
}

static int check_tech(struct vctx *v, const struct bp_technician *t)
{
	const struct bp_shop *s = v->s;
	char a[40], b[40];
	int rc = span_check(v, t->pos, "shift", "shift", t->shift);
	if (rc)
		return rc;
	if (t->nbreaks < 0 || t->nbreaks > BP_MAX_SPANS)
		return fail(v, t->pos, "breaks", "%d breaks; at most %d", t->nbreaks, BP_MAX_SPANS);
	for (int k = 0; k < t->nbreaks; k++) {
		struct bp_span br = t->breaks[k];
		if ((rc = span_check(v, t->pos, "breaks", "break", br)))
			return rc;
		if (br.start < t->shift.start || br.end > t->shift.end)
			return fail(v, t->pos, "breaks", "break %s is outside the shift %s",
				    span_str(br, a, sizeof a), span_str(t->shift, b, sizeof b));
	}
	for (int k = 0; k < BP_MAX_SKILLS; k++) {
		if (!t->level[k])
			continue;
		if (k >= s->nskills)
			return fail(v, t->pos, "skills", "it has a level in skill #%d, which does "
				    "not exist", k + 1);
		if (t->level[k] > BP_LEVELS)
			return fail(v, t->pos, "skills", "level %d in %s is outside 1-%d",
				    t->level[k], s->skills[k].id, BP_LEVELS);
	}
	if ((rc = upto(v, t->pos, "cost_per_hour", t->cost_per_hour, BP_MAX_AMOUNT)))
		return rc;
	return upto(v, t->pos, "overtime_cost_per_hour", t->overtime_cost_per_hour,
		    BP_MAX_AMOUNT);
}

static int check_techs(struct vctx *v)
{
	const struct bp_shop *s = v->s;
	int rc = IDS(v, "technician", "id", s->techs, s->ntechs, id);
	for (int i = 0; !rc && i < s->ntechs; i++) {
		rec(v, "technician", s->techs[i].id, i);
		rc = check_tech(v, &s->techs[i]);
	}
	return rc;
}

static int check_lines(struct vctx *v, struct bp_pos pos, const struct bp_part_line *lines,
		       int n)
{
	const struct bp_shop *s = v->s;
	if (n < 0 || n > BP_MAX_LINES)
		return fail(v, pos, "parts", "%d parts lines; at most %d", n, BP_MAX_LINES);
	for (int k = 0; k < n; k++) {
		if (lines[k].part < 0 || lines[k].part >= s->nparts)
			return fail(v, pos, "parts", "part #%d is not in the shop's parts",
				    lines[k].part);
		if (lines[k].qty < 1 || lines[k].qty > BP_MAX_LINE_QTY)
			return fail(v, pos, "parts", "quantity %d of %s is not from 1 to %d",
				    lines[k].qty, s->parts[lines[k].part].sku, BP_MAX_LINE_QTY);
	}
	return BP_OK;
}

static int check_service(struct vctx *v, const struct bp_service *sv)
{
	const struct bp_shop *s = v->s;
	int rc, can = 0;
	if (sv->skill < 0 || sv->skill >= s->nskills)
		return fail(v, sv->pos, "skill", "its skill (#%d) is not in the shop's skills",
			    sv->skill);
	if ((rc = level_of(v, sv->pos, "level", sv->level)))
		return rc;
	if (sv->bay_type < 0 || sv->bay_type >= s->nbay_types)
		return fail(v, sv->pos, "bay", "its bay type (#%d) is not a bay type", sv->bay_type);
	for (int l = 1; l <= BP_LEVELS; l++) {
		if (sv->minutes[l] < 0)
			return fail(v, sv->pos, "minutes", "minutes for level %d (%d) are negative",
				    l, sv->minutes[l]);
		if (sv->minutes[l] > BP_MAX_WORK_MINUTES)
			return fail(v, sv->pos, "minutes", "minutes for level %d (%d) are more "
				    "than %d", l, sv->minutes[l], BP_MAX_WORK_MINUTES);
		if (l >= sv->level && sv->minutes[l] > 0)
			can = 1;
	}
	if (!can)
		return fail(v, sv->pos, "minutes", "no level can do it: it gives no minutes for "
			    "level %d or above", sv->level);
	if ((rc = upto(v, sv->pos, "handover_minutes", sv->handover_minutes, 24 * 60)) ||
	    (rc = upto(v, sv->pos, "wash_minutes", sv->wash_minutes, 24 * 60)))
		return rc;
	if (sv->wash_minutes > sv->handover_minutes)
		return fail(v, sv->pos, "wash_minutes", "wash_minutes %d is more than its "
			    "handover_minutes %d (the wash is part of the handover)",
			    sv->wash_minutes, sv->handover_minutes);
	return check_lines(v, sv->pos, sv->parts, sv->nparts);
}

static int check_services(struct vctx *v)
{
	const struct bp_shop *s = v->s;
	int rc = IDS(v, "service", "code", s->services, s->nservices, code);
	for (int i = 0; !rc && i < s->nservices; i++) {
		rec(v, "service", s->services[i].code, i);
		rc = check_service(v, &s->services[i]);
	}
	return rc;
}

static int check_part(struct vctx *v, const struct bp_part *p)
{
	int rc;
	if (p->on_hand < 0)
		return fail(v, p->pos, "on_hand", "on_hand %d is negative", p->on_hand);
	if (p->non_order < 0 || p->non_order > BP_MAX_ON_ORDER)
		return fail(v, p->pos, "on_order", "%d deliveries on order; at most %d", p->non_order,
			    BP_MAX_ON_ORDER);
	for (int k = 0; k < p->non_order; k++) {
		const struct bp_delivery *d = &p->on_order[k];
		if (d->qty < 0)
			return fail(v, p->pos, "on_order", "a delivery of %d is negative", d->qty);
		if (!day_ok(d->day) || !time_ok(d->minute))
			return fail(v, p->pos, "on_order", "a delivery arrives at no valid date and "
				    "time (1970 to 2199)");
	}
	if ((unsigned)p->supply >= BP_SUPPLIES)
		return fail(v, p->pos, "supply", "supply #%d is not common or rare", (int)p->supply);
	if ((rc = upto(v, p->pos, "unit_cost", p->unit_cost, BP_MAX_AMOUNT)))
		return rc;
	if (p->pack < 1)
		return fail(v, p->pos, "pack", "pack %d is less than 1", p->pack);
	if (p->min_order < 0)
		return fail(v, p->pos, "min_order", "min_order %d is negative", p->min_order);
	if (!(p->service_level > 0 && p->service_level < 1))
		return fail(v, p->pos, "service_level", "service_level %g is not between 0 and 1",
			    p->service_level);
	if (p->safety_stock < -1)
		return fail(v, p->pos, "safety_stock", "safety_stock %d is negative",
			    p->safety_stock);
	return BP_OK;
}

static int check_parts(struct vctx *v)
{
	const struct bp_shop *s = v->s;
	int rc = IDS(v, "part", "sku", s->parts, s->nparts, sku);
	for (int i = 0; !rc && i < s->nparts; i++) {
		rec(v, "part", s->parts[i].sku, i);
		rc = check_part(v, &s->parts[i]);
	}
	return rc;
}

static int check_job(struct vctx *v, const struct bp_job *j)
{
	const struct bp_shop *s = v->s;
	char a[16];
	int rc;
	if (!day_ok(j->date))
		return fail(v, j->pos, "date", "its date (day %d) is not from 1970 to 2199",
			    j->date);
	if (j->service < 0 || j->service >= s->nservices)
		return fail(v, j->pos, "service", "its service (#%d) is not in the shop's services",
			    j->service);
	if ((unsigned)j->tier >= BP_TIERS)
		return fail(v, j->pos, "tier", "tier #%d is not core, potential or basic",
			    (int)j->tier);
	if (j->has_window) {
		if ((rc = span_check(v, j->pos, "window", "window", j->window)))
			return rc;
	} else if (!time_ok(j->window.start) || j->window.end != j->window.start) {
		return fail(v, j->pos, "arrival", "arrival %s is not a time of day",
			    time_str(j->window.start, a, sizeof a));
	}
	if (j->promised != -1 && !time_ok(j->promised))
		return fail(v, j->pos, "promised", "promised %s is not a time of day",
			    time_str(j->promised, a, sizeof a));
	if (j->minutes < 0)
		return fail(v, j->pos, "minutes", "minutes %d is negative", j->minutes);
	if (j->minutes > BP_MAX_WORK_MINUTES)
		return fail(v, j->pos, "minutes", "minutes %d is more than %d", j->minutes,
			    BP_MAX_WORK_MINUTES);
	if ((rc = check_lines(v, j->pos, j->parts, j->nparts)))
		return rc;
	if (j->technician < -1 || j->technician >= s->ntechs)
		return fail(v, j->pos, "technician", "its technician (#%d) is not in the shop",
			    j->technician);
	if (j->loan_car != 0 && j->loan_car != 1)
		return fail(v, j->pos, "loan_car", "loan_car %d is not true or false", j->loan_car);
	if (j->loan_car && j->waiting)
		return fail(v, j->pos, "loan_car", "a customer who waits on site takes no loan "
			    "car: give waiting or loan_car, not both");
	/* A job longer than any shift is fine: it stops at the end of the
	 * shift and continues on the next working day. */
	return BP_OK;
}

static int check_jobs(struct vctx *v)
{
	const struct bp_shop *s = v->s;
	int rc = IDS(v, "job", "id", s->jobs, s->njobs, id);
	for (int i = 0; !rc && i < s->njobs; i++) {
		rec(v, "job", s->jobs[i].id, i);
		rc = check_job(v, &s->jobs[i]);
	}
	return rc;
}

static int check_windows(struct vctx *v)
{
	const struct bp_shop *s = v->s;
	struct bp_pos none = {0, 0};
	if (s->nwindows < 0 || s->nwindows > BP_MAX_WINDOWS) {
		snprintf(v->rec, sizeof v->rec, "windows");
		return fail(v, none, "windows", "%d windows; at most %d", s->nwindows,
			    BP_MAX_WINDOWS);
	}
	for (int i = 0; i < s->nwindows; i++) {
		int rc;
		rec(v, "window", "", i);
		if ((rc = span_check(v, s->window_pos[i], "window", "window", s->windows[i])))
			return rc;
	}
	return BP_OK;
}

static int check_policy(struct vctx *v)
{
	const struct bp_policy *p = &v->s->policy;
	struct bp_pos none = {0, 0};
	const double big = BP_MAX_AMOUNT;
	const struct {
		const char *name;
		double x, max;
	} nums[] = {
		{"tier_weight core", p->tier_weight[BP_TIER_CORE], big},
		{"tier_weight potential", p->tier_weight[BP_TIER_POTENTIAL], big},
		{"tier_weight basic", p->tier_weight[BP_TIER_BASIC], big},
		{"job_value", p->job_value, big}, {"late_per_minute", p->late_per_minute, big},
		{"overtime_factor", p->overtime_factor, big},
		{"overqual_per_minute", p->overqual_per_minute, big},
		{"wait_per_minute", p->wait_per_minute, big}, {"delivery_fee", p->delivery_fee, big},
		{"holding_rate_per_day", p->holding_rate_per_day, big},
		{"missing_part_penalty", p->missing_part_penalty, big},
		{"safety_shortfall_penalty", p->safety_shortfall_penalty, big},
		{"excess_days", p->excess_days, BP_MAX_EXCESS_DAYS},
		{"max_overbook", p->max_overbook, big},
		{"advisor_day_max", p->advisor_day_max, 10000},
		{"pause_per_minute", p->pause_per_minute, big},
		{"carry_per_minute", p->carry_per_minute, big},
	};
	int rc;
	snprintf(v->rec, sizeof v->rec, "policy");
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		if ((rc = upto(v, none, nums[i].name, nums[i].x, nums[i].max)))
			return rc;
	if (!(p->service_level > 0 && p->service_level < 1))
		return fail(v, none, "service_level", "service_level %g is not between 0 and 1",
			    p->service_level);
	if (p->max_overbook <= 0)
		return fail(v, none, "max_overbook", "max_overbook %g is not above 0",
			    p->max_overbook);
	return BP_OK;
}

static int check_history(struct vctx *v)
{
	const struct bp_shop *s = v->s;
	struct bp_pos none = {0, 0};
	for (int i = 0; i < s->ndemand; i++) {
		const struct bp_demand_row *d = &s->demand[i];
		snprintf(v->rec, sizeof v->rec, "part demand row %d", i + 1);
		if (d->part < 0 || d->part >= s->nparts)
			return fail(v, none, "sku", "part #%d is not in the shop", d->part);
		if (d->qty < 0 || d->qty > BP_MAX_LINE_QTY)
			return fail(v, none, "qty", "quantity %d is not from 0 to %d", d->qty,
				    BP_MAX_LINE_QTY);
		if (!day_ok(d->day))
			return fail(v, none, "date", "day %d is not from 1970 to 2199", d->day);
	}
	for (int i = 0; i < s->nactuals; i++) {
		const struct bp_actual *a = &s->actuals[i];
		struct bp_pos pos = {a->line, 0};
		snprintf(v->rec, sizeof v->rec, "actuals for job %s", a->job_id);
		if (a->technician < -1 || a->technician >= s->ntechs)
			return fail(v, pos, "technician", "technician #%d is not in the shop",
				    a->technician);
		if (a->service < -1 || a->service >= s->nservices)
			return fail(v, pos, "service", "service #%d is not in the shop", a->service);
		if (a->window < -1 || a->window >= s->nwindows)
			return fail(v, pos, "window", "window #%d is not a window template",
				    a->window);
		if ((unsigned)a->tier >= BP_TIERS)
			return fail(v, pos, "tier", "tier #%d is not core, potential or basic",
				    (int)a->tier);
		if (a->date < 0)
			return fail(v, pos, "date", "the actual has no date");
		if (!day_ok(a->date) || (a->has_arrived && !day_ok(a->arrived_day)) ||
		    (a->has_started && !day_ok(a->started_day)) ||
		    (a->has_finished && !day_ok(a->finished_day)))
			return fail(v, pos, "date", "its date or times are not from 1970 to 2199");
		/* Learning subtracts these in minutes: far-apart days would overflow. */
		if ((a->has_arrived && abs(a->arrived_day - a->date) > 31) ||
		    (a->has_started && abs(a->started_day - a->date) > 31) ||
		    (a->has_finished && abs(a->finished_day - a->date) > 31))
			return fail(v, pos, "date", "its times are more than 31 days from its date");
	}
	return BP_OK;
}

int bp_shop_validate_ids(const struct bp_shop *s, const char *file, struct bp_err *err)
{
	struct vctx v = {s, file, err, ""};
	int rc;
	if ((rc = IDS(&v, "skill", "id", s->skills, s->nskills, id)) ||
	    (rc = IDS(&v, "bay type", "id", s->bay_types, s->nbay_types, id)) ||
	    (rc = IDS(&v, "bay", "id", s->bays, s->nbays, id)) ||
	    (rc = IDS(&v, "technician", "id", s->techs, s->ntechs, id)) ||
	    (rc = IDS(&v, "service", "code", s->services, s->nservices, code)) ||
	    (rc = IDS(&v, "part", "sku", s->parts, s->nparts, sku)))
		return rc;
	return IDS(&v, "job", "id", s->jobs, s->njobs, id);
}

int bp_shop_validate(const struct bp_shop *s, const char *file, struct bp_err *err)
{
	struct vctx v = {s, file, err, ""};
	int (*const checks[])(struct vctx *) = {check_info, check_kinds, check_bays,
		check_techs, check_services, check_parts, check_jobs, check_windows,
		check_policy};
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		int rc = checks[i](&v);
		if (rc)
			return rc;
	}
	/* History rows come from CSVs whose lines their reader already names. */
	v.file = NULL;
	return check_history(&v);
}
