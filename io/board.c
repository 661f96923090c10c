/*
 * board.c - the workshop board page. Two Gantt views (bays grouped by type,
 * technicians grouped by highest level) drawn as inline SVG; the views are
 * switched by CSS radio buttons (or #technician / #bay in the address, read
 * by the page's one inline script); nothing is fetched.
 */
#include "io/board.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/out.h"
#include "io/plan_out.h"
#include "io/version.h"

/* Geometry in SVG user units; the SVG scales to the page width and keeps
 * these proportions, and never gets narrower than W (it scrolls instead). */
#define LABEL_W 150
#define PX_PER_MIN 1.6
#define AXIS_H 30
#define ROW_H 34
#define GROUP_H 22
#define BLOCK_PAD 4
#define FOOT_H 24

/* Okabe and Ito's eight colours (black made light grey, for text on it):
 * told apart with normal sight and under protanopia, deuteranopia and
 * tritanopia (tests/test_outputs.c simulates them and measures). Past
 * eight classes the colours come again with stripes, then dots, so a
 * class is its colour and its pattern; text is dark or white, whichever
 * reads on the fill. */
static const char *const palette[] = {
	"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#dddddd",
};
static const char *const ink[] = {
	"#1d2733", "#1d2733", "#1d2733", "#1d2733", "#ffffff", "#1d2733", "#1d2733", "#1d2733",
};
#define NPALETTE ((int)(sizeof palette / sizeof palette[0]))
#define NPATTERNS 3

int bp_board_palette(const char *const **colors)
{
	*colors = palette;
	return NPALETTE;
}

/* Class k's fill, and the overlay pattern past the first NPALETTE. */
static const char *fill_of(int k)
{
	return palette[k % NPALETTE];
}

static const char *pattern_of(int k)
{
	static const char *const pat[NPATTERNS] = {NULL, "pat-stripe", "pat-dot"};
	return pat[(k / NPALETTE) % NPATTERNS];
}

enum view { VIEW_BAY, VIEW_TECH };

struct board {
	FILE *f;
	const struct bp_shop *s;
	const struct bp_plan *p;
	int now;
	int refresh;         /* meta refresh seconds; 0 = none */
	int t0, t1;          /* time axis, clock minutes */
	int *color;          /* service -> class index (colour and pattern) */
	int view;            /* the view being drawn (enum view) */
	int nclasses;
	char (*classes)[3 * BP_ID_LEN + 8];   /* sorted service classes */
};


void bp_board_opts_init(struct bp_board_opts *o)
{
	memset(o, 0, sizeof *o);
	o->now = -1;
	o->refresh = 300;
}

static double xof(const struct board *b, int minute)
{
	return LABEL_W + (minute - b->t0) * PX_PER_MIN;
}

static void hhmm(int m, char *buf)
{
	bp_time_format(m, buf, 6);
}

static void esc(const struct board *b, const char *s)
{
	bp_html(b->f, s);
}

/* ------------------------------------------------------ service classes */

/* "skill/level/bay", as the store's appointment_windows.service_class. */
static void class_of(const struct bp_shop *s, int svc, char *buf, size_t n)
{
	const struct bp_service *v = &s->services[svc];
	const char *skill = v->skill >= 0 && v->skill < s->nskills ? s->skills[v->skill].id : "?";
	const char *bay = v->bay_type >= 0 && v->bay_type < s->nbay_types ?
			  s->bay_types[v->bay_type].id : "?";
	snprintf(buf, n, "%s/%d/%s", skill, v->level, bay);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Colours follow the sorted class names, so they stay put from day to day
 * as long as the shop's services do. */
static int classes_init(struct board *b)
{
	const struct bp_shop *s = b->s;
	size_t n = (size_t)s->nservices + 1;
	b->classes = malloc(n * sizeof *b->classes);
	b->color = malloc(n * sizeof *b->color);
	if (!b->classes || !b->color)
		return -1;
	for (int i = 0; i < s->nservices; i++)
		class_of(s, i, b->classes[i], sizeof b->classes[i]);
	qsort(b->classes, (size_t)s->nservices, sizeof *b->classes, str_cmp);
	int u = 0;
	for (int i = 0; i < s->nservices; i++)
		if (u == 0 || strcmp(b->classes[u - 1], b->classes[i]) != 0)
			memmove(b->classes[u++], b->classes[i], sizeof *b->classes);
	b->nclasses = u;
	for (int i = 0; i < s->nservices; i++) {
		char c[sizeof *b->classes];
		class_of(s, i, c, sizeof c);
		b->color[i] = 0;
		for (int k = 0; k < u; k++)
			if (strcmp(c, b->classes[k]) == 0)
				b->color[i] = k;
	}
	return 0;
}

/* ---------------------------------------------------------------- axis */

static void time_axis(struct board *b)
{
	const struct bp_shop *s = b->s;
	b->t0 = s->info.open;
	b->t1 = s->info.close + s->info.overtime_minutes;
	/* Work outside the opening hours (a hand-edited plan) still shows. */
	for (int i = 0; i < b->p->nassign; i++) {
		if (b->p->assign[i].start < b->t0)
			b->t0 = b->p->assign[i].start;
		if (b->p->assign[i].end > b->t1)
			b->t1 = b->p->assign[i].end;
	}
	if (b->t1 <= b->t0)
		b->t1 = b->t0 + 60;
}

static void hour_lines(struct board *b, int height)
{
	FILE *f = b->f;
	char tm[8];
	for (int m = (b->t0 + 59) / 60 * 60; m <= b->t1; m += 60) {
		double x = xof(b, m);
		hhmm(m, tm);
		fprintf(f, "<line class=\"hour\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
			x, AXIS_H - 6, x, height - FOOT_H + 4);
		fprintf(f, "<text class=\"hl\" x=\"%.1f\" y=\"%d\">%s</text>", x, AXIS_H - 10, tm);
		fprintf(f, "<text class=\"hl\" x=\"%.1f\" y=\"%d\">%s</text>\n", x,
			height - FOOT_H + 17, tm);
		if (m + 30 < b->t1)
			fprintf(f, "<line class=\"half\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
				"y2=\"%d\"/>\n", xof(b, m + 30), AXIS_H, xof(b, m + 30),
				height - FOOT_H);
	}
}

/* A shaded span [a, c) on one row, clipped to the axis. */
static void shade(struct board *b, const char *cls, const char *fill, int a, int c, int y,
		  int h)
{
	if (a < b->t0)
		a = b->t0;
	if (c > b->t1)
		c = b->t1;
	if (c <= a)
		return;
	fprintf(b->f, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"%s%s%s/>",
		cls, xof(b, a), y, (c - a) * PX_PER_MIN, h, fill ? " fill=\"" : "",
		fill ? fill : "", fill ? "\"" : "");
}

/* --------------------------------------------------------------- blocks */

/* The store's job status as a service manager says it. */
static const char *status_label(enum bp_job_status st)
{
	static const char *const label[BP_JOB_STATUSES] = {"booked", "in progress", "done",
							   "no-show", "cancelled"};
	return (unsigned)st < BP_JOB_STATUSES ? label[st] : "?";
}

static void block_title(struct board *b, const struct bp_assignment *a)
{
	const struct bp_shop *s = b->s;
	const struct bp_job *j = &s->jobs[a->job];
	const struct bp_service *sv = &s->services[j->service];
	const struct bp_technician *t = &s->techs[a->tech];
	const struct bp_bay *bay = &s->bays[a->bay];
	FILE *f = b->f;
	char t0[8], t1[8], tm[8];
	hhmm(a->start, t0);
	hhmm(a->end, t1);
	fputs("<title>Job ", f);
	esc(b, j->id);
	fputs(" \xe2\x80\x93 ", f);
	esc(b, sv->name);
	fputs(" (", f);
	esc(b, sv->code);
	fprintf(f, ")\nTier: %s%s\nTechnician: ", bp_tier_name(j->tier),
		j->waiting ? ", customer waits on site" : "");
	esc(b, t->id);
	fputs(" ", f);
	esc(b, t->name);
	fputs("\nBay: ", f);
	esc(b, bay->id);
	fprintf(f, " (");
	esc(b, s->bay_types[bay->type].id);
	fprintf(f, ")\nStart %s, end %s", t0, t1);
	int held = a->end - a->start, work = bp_work_between(t, a->start, a->end);
	if (held > work)
		fprintf(f, "\nWork pauses %d min over the technician's breaks; the bay stays "
			"taken", held - work);
	if (a->checkin >= 0) {
		hhmm(a->checkin, tm);
		fprintf(f, "\nReceived by an advisor at %s", tm);
	}
	int ready = bp_assignment_ready(s, a);
	if (ready > a->end) {
		hhmm(ready, tm);
		fprintf(f, "\nReady for the customer at %s (handover %d min)", tm,
			sv->handover_minutes);
	}
	if (a->carry > 0) {
		char day[12] = "?";
		if (a->carry_date >= 0)
			bp_date_format(a->carry_date, day, sizeof day);
		fprintf(f, "\nContinues on %s: %d min of work left; the car stays on its bay",
			day, a->carry);
	}
	if (j->loan_car)
		fputs("\nThe customer has a loan car", f);
	if (j->promised >= 0) {
		hhmm(j->promised, tm);
		fprintf(f, "\nPromised %s", tm);
		if (bp_assignment_late(s, a) > 0)
			fprintf(f, " \xe2\x80\x93 ready %d min late", bp_assignment_late(s, a));
	}
	if (a->parts_ready >= 0) {
		hhmm(a->parts_ready, tm);
		fprintf(f, "\nParts arrive %s", tm);
	}
	if (j->status != BP_JOB_BOOKED)
		fprintf(f, "\nStatus: %s", status_label(j->status));
	if (j->carried_from > 0) {
		char day[12];
		bp_date_format(j->carried_from, day, sizeof day);
		fprintf(f, " \xe2\x80\x93 carried over from %s", day);
	}
	fputs("</title>", f);
}

/* Room the marks take on the second line, each. */
#define MARK_W 11
/* Label widths are estimated, conservatively, in SVG units: a bold 11-unit
 * character is at most ~7 wide, a 10-unit one ~6.2 (digits and capitals of
 * the system sans-serif fonts). The page's self-check measures the real
 * text in the browser (data-label-clipped). */
#define ID_CH 7.8
#define SUB_CH 6.6

/* Text s, or its end after an ellipsis, in at most `room` units of `ch`
 * per character; NULL when not even that fits. */
static const char *fit(const char *s, double room, double ch, char *buf, size_t n)
{
	int len = bp_out_width(s);
	if (len * ch <= room)
		return s;
	int keep = (int)(room / ch) - 2;   /* the ellipsis takes two */
	if (keep < 2)
		return NULL;
	/* The end of an id tells jobs apart ("RO-10053" -> "...053"). */
	const char *t = s + strlen(s);
	for (int k = 0; k < keep && t > s;) {
		t--;
		if (((unsigned char)*t & 0xc0) != 0x80)
			k++;
	}
	snprintf(buf, n, "\xe2\x80\xa6%s", t);
	return buf;
}

/* The id first; below it, when there is room, who or where (the technician
 * on a bay's bar, the bay on a technician's) and the service code, cut to
 * what fits beside the marks. Nothing is drawn over anything else. */
static void block_labels(struct board *b, const struct bp_assignment *a, double x, int y,
			 double w, int h)
{
	const struct bp_shop *s = b->s;
	const struct bp_job *j = &s->jobs[a->job];
	FILE *f = b->f;
	int left = j->tier == BP_TIER_CORE ? 9 : 4;
	char buf[3 * BP_ID_LEN + 16], sub[3 * BP_ID_LEN + 16];
	const char *id = fit(j->id, w - left - 3, ID_CH, buf, sizeof buf);
	if (!id)
		return;
	const char *ink_c = ink[b->color[j->service] % NPALETTE];
	fprintf(f, "<text class=\"jid\" x=\"%.1f\" y=\"%d\" style=\"fill:%s\">", x + left, y + 12,
		ink_c);
	esc(b, id);
	fputs("</text>", f);
	int marks = (j->waiting && w > 10) + (j->status == BP_JOB_DONE && w > 24) +
		    (j->loan_car && w > 34);
	double room = w - 4 - 3 - marks * MARK_W;
	const char *who = b->view == VIEW_BAY ? s->techs[a->tech].id : s->bays[a->bay].id;
	snprintf(sub, sizeof sub, "%s \xc2\xb7 %s", who, s->services[j->service].code);
	const char *line = fit(sub, room, SUB_CH, buf, sizeof buf);
	if (line != sub)   /* then who alone, whole, or nothing */
		line = bp_out_width(who) * SUB_CH <= room ? who : NULL;
	if (!line || h < 24)
		return;
	fprintf(f, "<text class=\"jsv\" x=\"%.1f\" y=\"%d\" style=\"fill:%s\">", x + 4, y + 23,
		ink_c);
	esc(b, line);
	fputs("</text>", f);
}

static void block(struct board *b, const struct bp_assignment *a, int y)
{
	const struct bp_shop *s = b->s;
	const struct bp_job *j = &s->jobs[a->job];
	FILE *f = b->f;
	int st = a->start < b->t0 ? b->t0 : a->start;
	int en = a->end > b->t1 ? b->t1 : a->end;
	double x = xof(b, st), w = (en - st) * PX_PER_MIN;
	int h = ROW_H - 2 * BLOCK_PAD, late = bp_assignment_late(s, a) > 0;
	char t0[8], t1[8];
	if (w < 2)
		w = 2;
	y += BLOCK_PAD;
	hhmm(a->start, t0);
	hhmm(a->end, t1);

	fprintf(f, "<g class=\"job tier-%s svc-%d st-%s%s%s%s%s%s", bp_tier_name(j->tier),
		b->color[j->service], bp_job_status_name(j->status),
		j->carried_from > 0 ? " carried" : "", late ? " late" : "",
		j->waiting ? " waiting" : "", a->carry > 0 ? " continues" : "",
		j->loan_car ? " loan" : "");
	if (b->now >= 0)
		fputs(a->end <= b->now ? " past" : a->start <= b->now ? " current" : "", f);
	fputs("\" data-job=\"", f);
	esc(b, j->id);
	fprintf(f, "\" data-start=\"%s\" data-end=\"%s\" data-tech=\"", t0, t1);
	esc(b, s->techs[a->tech].id);
	fputs("\" data-bay=\"", f);
	esc(b, s->bays[a->bay].id);
	fputs("\">", f);
	block_title(b, a);
	fprintf(f, "<rect class=\"blk\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
		"rx=\"3\" fill=\"%s\"/>", x, y, w, h, fill_of(b->color[j->service]));
	/* The pattern on a band along the top, clear of the text. */
	if (pattern_of(b->color[j->service]))
		fprintf(f, "<rect class=\"patt\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
			"height=\"4\" fill=\"url(#%s)\"/>", x, y, w,
			pattern_of(b->color[j->service]));
	block_labels(b, a, x, y, w, h);
	if (j->tier == BP_TIER_CORE)
		fprintf(f, "<path class=\"core\" d=\"M%.1f %dh8l-8 8z\"/>", x, y);
	/* The marks sit in the bottom right corner, on the second line's room,
	 * never on the id: waiting customer, loan car, done. */
	double mx = x + w - 2;
	if (j->waiting && w > 10) {
		fprintf(f, "<circle class=\"wait\" cx=\"%.1f\" cy=\"%d\" r=\"3.5\"/>", mx - 5,
			y + h - 6);
		mx -= MARK_W;
	}
	if (late)
		fprintf(f, "<rect class=\"lateedge\" x=\"%.1f\" y=\"%d\" width=\"4\" "
			"height=\"%d\"/>", x + w - 4, y, h);
	/* Status marks that read without colour: a tick for done, a bar under
	 * work in progress, a dashed frame for a job carried over. */
	if (j->status == BP_JOB_DONE && w > 24) {
		fprintf(f, "<path class=\"done\" d=\"M%.1f %dl3 3l6 -7\"/>", mx - 10, y + h - 7);
		mx -= MARK_W;
	}
	if (j->status == BP_JOB_IN_PROGRESS)
		fprintf(f, "<rect class=\"prog\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
			"height=\"3\"/>", x, y + h - 3, w);
	if (j->carried_from > 0)
		fprintf(f, "<rect class=\"carry\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
			"height=\"%d\" rx=\"3\"/>", x + 1, y + 1, w > 2 ? w - 2 : w, h - 2);
	/* The technician's breaks inside the work: paused, the bay held. */
	const struct bp_technician *t = &s->techs[a->tech];
	for (int k = 0; k < t->nbreaks; k++) {
		int p0 = t->breaks[k].start > st ? t->breaks[k].start : st;
		int p1 = t->breaks[k].end < en ? t->breaks[k].end : en;
		if (p1 > p0)
			fprintf(f, "<rect class=\"pause\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
				"height=\"%d\"/>", xof(b, p0), y + 1, (p1 - p0) * PX_PER_MIN, h - 2);
	}
	/* The handover after the work, until the car can go back. */
	int ready = bp_assignment_ready(s, a);
	if (ready > a->end && a->end < b->t1) {
		int r1 = ready < b->t1 ? ready : b->t1;
		fprintf(f, "<rect class=\"hand\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
			"height=\"4\"/>", xof(b, en), y + h - 4, (r1 - en) * PX_PER_MIN);
	}
	if (j->loan_car && w > 34)
		fprintf(f, "<text class=\"loanmk\" x=\"%.1f\" y=\"%d\">L</text>", mx - 8,
			y + h - 1);
	if (a->carry > 0)
		fprintf(f, "<path class=\"cont\" d=\"M%.1f %dl6 %dl-6 %dz\"/>", x + w, y + h / 2 - 6,
			6, 6);
	fputs("</g>\n", f);
}

/* ---------------------------------------------------------------- views */

/* A row of a view: a group heading or a bay or technician. */
struct row {
	int group;           /* 1 = heading */
	int idx;             /* bay index, technician index, or group key */
};

static int rows_of(struct board *b, enum view v, struct row *rows)
{
	const struct bp_shop *s = b->s;
	int n = 0;
	if (v == VIEW_BAY) {
		for (int t = 0; t < s->nbay_types; t++) {
			int head = 0;
			for (int i = 0; i < s->nbays; i++) {
				if (s->bays[i].type != t)
					continue;
				if (!head++)
					rows[n++] = (struct row){1, t};
				rows[n++] = (struct row){0, i};
			}
		}
	} else {
		for (int l = BP_LEVELS; l >= 1; l--) {
			int head = 0;
			for (int i = 0; i < s->ntechs; i++) {
				if (bp_tech_top_level(s, &s->techs[i]) != l)
					continue;
				if (!head++)
					rows[n++] = (struct row){1, l};
				rows[n++] = (struct row){0, i};
			}
		}
	}
	return n;
}

static int rows_height(const struct row *rows, int n)
{
	int h = AXIS_H + FOOT_H;
	for (int i = 0; i < n; i++)
		h += rows[i].group ? GROUP_H : ROW_H;
	return h;
}

static void group_row(struct board *b, enum view v, int key, int y, int width)
{
	FILE *f = b->f;
	fprintf(f, "<rect class=\"grp\" x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
		"<text class=\"gl\" x=\"6\" y=\"%d\">", y, width, GROUP_H, y + 15);
	if (v == VIEW_BAY) {
		esc(b, b->s->bay_types[key].id);
		fputs(" bays", f);
	} else {
		fprintf(f, "%s technicians (level %d)", bp_level_name(key), key);
	}
	fputs("</text>\n", f);
}

static void row_label(struct board *b, const char *id, const char *name, int y)
{
	FILE *f = b->f;
	fprintf(f, "<svg x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\"><text class=\"rl\" x=\"6\" "
		"y=\"%d\">", y, LABEL_W - 4, ROW_H, name ? 14 : 21);
	esc(b, id);
	fputs("</text>", f);
	if (name) {
		fputs("<text class=\"rn\" x=\"6\" y=\"28\">", f);
		esc(b, name);
		fputs("</text>", f);
	}
	fputs("</svg>", f);
}

/* Background of one bay or technician row: stripe, label, unavailable time. */
static void row_back(struct board *b, enum view v, int idx, int y, int width, int odd)
{
	FILE *f = b->f;
	fprintf(f, "<rect class=\"row%s\" x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
		odd ? " odd" : "", y, width, ROW_H);
	if (v == VIEW_BAY) {
		const struct bp_bay *bay = &b->s->bays[idx];
		row_label(b, bay->id, NULL, y);
		for (int c = 0; c < bay->nclosed; c++)
			shade(b, "closed", "url(#hatch-bay)", bay->closed[c].start,
			      bay->closed[c].end, y + 1, ROW_H - 2);
	} else {
		const struct bp_technician *t = &b->s->techs[idx];
		row_label(b, t->id, t->name, y);
		shade(b, "off", NULL, b->t0, t->shift.start, y + 1, ROW_H - 2);
		shade(b, "off", NULL, t->shift.end, b->t1, y + 1, ROW_H - 2);
		for (int c = 0; c < t->nbreaks; c++)
			shade(b, "break", "url(#hatch-tech)", t->breaks[c].start,
			      t->breaks[c].end, y + 1, ROW_H - 2);
	}
	fputc('\n', f);
}

static void svg_defs(struct board *b, const char *id)
{
	fprintf(b->f, "<defs><pattern id=\"%s\" width=\"6\" height=\"6\" "
		"patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		"<rect width=\"6\" height=\"6\" fill=\"#eceff3\"/>"
		"<rect width=\"2\" height=\"6\" fill=\"#b8c0cc\"/></pattern></defs>\n", id);
}

static void now_line(struct board *b, int height)
{
	if (b->now < 0)
		return;
	int m = b->now < b->t0 ? b->t0 : b->now > b->t1 ? b->t1 : b->now;
	double x = xof(b, m);
	char tm[8];
	hhmm(b->now, tm);
	fprintf(b->f, "<g class=\"now-line\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
		"<text x=\"%.1f\" y=\"%d\">now %s</text></g>\n", x, AXIS_H - 4, x,
		height - FOOT_H + 2, x + 3, AXIS_H - 20 > 8 ? AXIS_H - 20 : 8, tm);
}

static void view_svg(struct board *b, enum view v, const struct row *rows, int nrows)
{
	FILE *f = b->f;
	const struct bp_plan *p = b->p;
	int width = (int)(LABEL_W + (b->t1 - b->t0) * PX_PER_MIN + 24);   /* room for a label */
	int height = rows_height(rows, nrows);
	const char *vn = v == VIEW_BAY ? "bay" : "tech";
	/* Narrower than its units on a tablet (text at ~80 %), scrolling below. */
	fprintf(f, "<div class=\"chart\"><svg class=\"gantt\" viewBox=\"0 0 %d %d\" "
		"style=\"min-width:%dpx\" role=\"img\" aria-label=\"Plan by %s\" "
		"data-t0=\"%d\" data-t1=\"%d\" data-x0=\"%d\" data-ppm=\"%g\" "
		"data-top=\"%d\" data-bottom=\"%d\">\n", width, height, width * 3 / 4,
		v == VIEW_BAY ? "bay" : "technician", b->t0, b->t1, LABEL_W, PX_PER_MIN,
		AXIS_H - 4, height - FOOT_H + 2);
	svg_defs(b, v == VIEW_BAY ? "hatch-bay" : "hatch-tech");

	int y = AXIS_H;
	for (int r = 0, odd = 0; r < nrows; r++) {
		if (rows[r].group) {
			group_row(b, v, rows[r].idx, y, width);
			y += GROUP_H;
			odd = 0;
		} else {
			row_back(b, v, rows[r].idx, y, width, odd);
			odd = !odd;
			y += ROW_H;
		}
	}
	int close = b->s->info.close;
	shade(b, "ot", NULL, close, b->t1, AXIS_H, height - AXIS_H - FOOT_H);
	if (close < b->t1)
		fprintf(f, "<text class=\"otl\" x=\"%.1f\" y=\"%d\">overtime</text>\n",
			xof(b, close) + 4, AXIS_H + 14);
	hour_lines(b, height);

	y = AXIS_H;
	for (int r = 0; r < nrows; r++) {
		if (rows[r].group) {
			y += GROUP_H;
			continue;
		}
		fprintf(f, "<g class=\"lane\" data-%s=\"", vn);
		esc(b, v == VIEW_BAY ? b->s->bays[rows[r].idx].id : b->s->techs[rows[r].idx].id);
		fputs("\">\n", f);
		for (int i = 0; i < p->nassign; i++) {
			const struct bp_assignment *a = &p->assign[i];
			if ((v == VIEW_BAY ? a->bay : a->tech) != rows[r].idx)
				continue;
			/* Work that goes on tomorrow keeps its bay to the end
			 * of the day and overnight. */
			if (v == VIEW_BAY && a->carry > 0)
				shade(b, "held", NULL, a->end, b->t1, y + BLOCK_PAD,
				      ROW_H - 2 * BLOCK_PAD);
			block(b, a, y);
		}
		fputs("</g>\n", f);
		y += ROW_H;
	}
	now_line(b, height);
	fputs("</svg></div>\n", f);
}

static int view_section(struct board *b, enum view v)
{
	int cap = b->s->nbays + b->s->nbay_types + b->s->ntechs + BP_LEVELS + 1;
	struct row *rows = malloc((size_t)cap * sizeof *rows);
	if (!rows)
		return -1;
	int n = rows_of(b, v, rows);
	b->view = v;
	fprintf(b->f, "<section id=\"view-%s\" class=\"view\"><h2>By %s</h2>\n",
		v == VIEW_BAY ? "bay" : "tech", v == VIEW_BAY ? "bay" : "technician");
	view_svg(b, v, rows, n);
	fputs("</section>\n", b->f);
	free(rows);
	return 0;
}

/* --------------------------------------------------------------- panels */

static void legend(struct board *b)
{
	FILE *f = b->f;
	fputs("<section class=\"legend\"><h2>Legend</h2><ul>\n", f);
	for (int k = 0; k < b->nclasses; k++) {
		const char *pt = pattern_of(k);
		fprintf(f, "<li><span class=\"sw%s%s\" style=\"background-color:%s\"></span>",
			pt ? " sw-" : "", pt ? pt + 4 : "", fill_of(k));
		esc(b, b->classes[k]);
		fputs("</li>\n", f);
	}
	fputs("<li><span class=\"sw mk-core\"></span>core customer</li>\n"
	      "<li><span class=\"sw mk-wait\"></span>customer waits on site</li>\n"
	      "<li><span class=\"sw mk-late\"></span>ready after the promised time</li>\n"
	      "<li><span class=\"sw mk-done\"></span>done (faded, ticked)</li>\n"
	      "<li><span class=\"sw mk-prog\"></span>in progress</li>\n"
	      "<li><span class=\"sw mk-carry\"></span>carried over from an earlier day</li>\n"
	      "<li><span class=\"sw mk-pause\"></span>work paused over a break, bay held</li>\n"
	      "<li><span class=\"sw mk-hand\"></span>handover (check, wash) until ready</li>\n"
	      "<li><span class=\"sw mk-cont\"></span>continues on the next working day</li>\n"
	      "<li><span class=\"sw mk-loan\">L</span>customer has a loan car</li>\n"
	      "<li><span class=\"sw mk-closed\"></span>break or bay closed</li>\n"
	      "<li><span class=\"sw mk-off\"></span>off shift</li>\n"
	      "<li><span class=\"sw mk-ot\"></span>overtime</li>\n", f);
	fputs("</ul><p class=\"note\">Service classes read skill/level/bay type; each bar "
	      "reads job, then technician or bay and service. With a pointer, hover a job "
	      "for its details.</p></section>\n", f);
}

static int job_in_plan(const struct bp_plan *p, int j)
{
	for (int i = 0; i < p->nassign; i++)
		if (p->assign[i].job == j)
			return 1;
	for (int i = 0; i < p->nunsched; i++)
		if (p->unsched[i].job == j)
			return 1;
	return 0;
}

static void unsched_row(struct board *b, int job, const char *reason, int earliest,
			const char *detail)
{
	const struct bp_job *j = &b->s->jobs[job];
	const struct bp_service *sv = &b->s->services[j->service];
	FILE *f = b->f;
	char d[16] = "\xe2\x80\x94";
	if (earliest >= 0)
		bp_date_format(earliest, d, sizeof d);
	fputs("<tr><td class=\"nw\">", f);
	esc(b, j->id);
	fputs("</td><td>", f);
	esc(b, sv->code);
	fputs(" ", f);
	esc(b, sv->name);
	fprintf(f, "</td><td>%s</td><td>%s</td><td class=\"nw\">%s</td><td>",
		bp_tier_name(j->tier), reason, d);
	esc(b, detail);
	fputs("</td></tr>\n", f);
}

static void unscheduled(struct board *b)
{
	const struct bp_plan *p = b->p;
	const struct bp_shop *s = b->s;
	FILE *f = b->f;
	int orphans = 0;
	for (int j = 0; j < s->njobs; j++)
		orphans += s->jobs[j].date == p->date && !job_in_plan(p, j);
	fprintf(f, "<section id=\"unscheduled\"><h2>Not scheduled (%d)</h2>\n",
		p->nunsched + orphans);
	if (p->nunsched + orphans == 0) {
		fputs("<p>Every booked job has a place in the plan.</p></section>\n", f);
		return;
	}
	fputs("<div class=\"tw\"><table><thead><tr><th>Job</th><th>Service</th><th>Tier</th>"
	      "<th>Reason</th><th>Earliest</th><th>Detail</th></tr></thead><tbody>\n", f);
	for (int i = 0; i < p->nunsched; i++)
		unsched_row(b, p->unsched[i].job, bp_reason_name(p->unsched[i].reason),
			    p->unsched[i].earliest_date, p->unsched[i].detail);
	for (int j = 0; j < s->njobs; j++)
		if (s->jobs[j].date == p->date && !job_in_plan(p, j))
			unsched_row(b, j, "\xe2\x80\x94", -1, "not in this plan");
	fputs("</tbody></table></div></section>\n", f);
}

static void kpi_row(FILE *f, const char *name)
{
	fprintf(f, "<tr><th>%s</th><td>", name);
}

static void kpis(struct board *b)
{
	const struct bp_kpis *k = &b->p->kpi;
	const struct bp_shop *s = b->s;
	FILE *f = b->f;
	fputs("<section id=\"kpis\"><h2>Key figures</h2><div class=\"tw\"><table>\n", f);
	kpi_row(f, "Jobs done");
	fprintf(f, "%d of %d</td></tr>\n", k->done, k->jobs);
	kpi_row(f, "By tier");
	for (int t = 0; t < BP_TIERS; t++)
		fprintf(f, "%s%s %d/%d", t ? " \xc2\xb7 " : "", bp_tier_name((enum bp_tier)t),
			k->done_by_tier[t], k->jobs_by_tier[t]);
	fputs("</td></tr>\n", f);
	kpi_row(f, "Weighted");
	fprintf(f, "%.1f of %.1f (%.0f %%)</td></tr>\n", k->weighted_done, k->weighted_jobs,
		k->weighted_jobs > 0 ? 100 * k->weighted_done / k->weighted_jobs : 0.0);
	kpi_row(f, "Bay utilisation");
	int first = 1;
	for (int t = 0; t < s->nbay_types; t++) {
		int has = 0;
		for (int i = 0; i < s->nbays; i++)
			has |= s->bays[i].type == t;
		if (!has)
			continue;
		fputs(first ? "" : " \xc2\xb7 ", f);
		esc(b, s->bay_types[t].id);
		fprintf(f, " %.0f %%", 100 * k->bay_util[t]);
		first = 0;
	}
	fputs("</td></tr>\n", f);
	kpi_row(f, "Technician utilisation");
	fprintf(f, "%.0f %% overall", 100 * k->tech_util);
	for (int l = BP_LEVELS; l >= 1; l--) {
		int has = 0;
		for (int t = 0; t < s->ntechs; t++)
			has |= bp_tech_top_level(s, &s->techs[t]) == l;
		if (has)
			fprintf(f, " \xc2\xb7 %s %.0f %%", bp_level_name(l),
				100 * k->tech_util_by_level[l]);
	}
	fputs("</td></tr>\n", f);
	kpi_row(f, "Overtime");
	fprintf(f, "%d min, cost %.2f</td></tr>\n", k->overtime_minutes, k->overtime_cost);
	kpi_row(f, "Late");
	fprintf(f, "%d jobs, %d min</td></tr>\n", k->late_jobs, k->late_minutes);
	kpi_row(f, "Over-qualified work");
	fprintf(f, "%d level-minutes</td></tr>\n", k->overqualified_minutes);
	kpi_row(f, "Average wait");
	fprintf(f, "%.1f min (customers waiting on site)</td></tr>\n", k->avg_wait_minutes);
	if (k->advisors > 0) {
		kpi_row(f, "Check-ins");
		fprintf(f, "%d cars, %d advisors, %.0f each at most (policy %d a day)</td></tr>\n",
			k->checkins, k->advisors, k->checkins_per_advisor,
			s->policy.advisor_day_max);
	}
	if (k->loan_jobs || s->info.loan_cars) {
		kpi_row(f, "Loan cars");
		fprintf(f, "%d customers, at most %d of %d out at once</td></tr>\n", k->loan_jobs,
			k->loan_peak, s->info.loan_cars);
	}
	if (k->pause_minutes) {
		kpi_row(f, "Paused");
		fprintf(f, "%d min of bays held over breaks</td></tr>\n", k->pause_minutes);
	}
	if (k->carry_jobs) {
		kpi_row(f, "Continued");
		fprintf(f, "%d jobs, %d min on the next working day</td></tr>\n", k->carry_jobs,
			k->carry_minutes);
	}
	fputs("</table></div></section>\n", f);
}

static void parts(struct board *b, const struct bp_board_opts *o)
{
	FILE *f = b->f;
	fputs("<section id=\"parts\"><h2>Parts the plan depends on</h2>\n", f);
	if (!o->reorder_lines || o->nreorder <= 0) {
		fputs("<p>No orders listed.</p></section>\n", f);
		return;
	}
	fputs("<ul>\n", f);
	for (int i = 0; i < o->nreorder; i++) {
		if (!o->reorder_lines[i])
			continue;
		fputs("<li>", f);
		esc(b, o->reorder_lines[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul></section>\n", f);
}

/* ----------------------------------------------------------------- page */

static const char css[] =
	"*{box-sizing:border-box}\n"
	"body{margin:0;padding:12px 16px;font:15px/1.4 system-ui,-apple-system,'Segoe UI',"
	"Roboto,'Noto Sans','Noto Sans CJK SC',sans-serif;color:#1d2733;background:#f7f8fa}\n"
	"h1{font-size:1.4em;margin:0 0 2px}h2{font-size:1.05em;margin:10px 0 6px}\n"
	".sub{margin:0 0 8px;color:#4a5563}\n"
	".vsw{position:absolute;opacity:0;pointer-events:none}\n"
	".tabs{display:flex;gap:6px;margin:4px 0}\n"
	".tabs label{padding:5px 14px;border:1px solid #c5ccd6;border-radius:6px;"
	"cursor:pointer;background:#fff}\n"
	"#v-bay:checked~.tabs label[for=v-bay],#v-tech:checked~.tabs label[for=v-tech]"
	"{background:#1d3557;color:#fff;border-color:#1d3557}\n"
	"#v-bay:checked~.views #view-tech,#v-tech:checked~.views #view-bay{display:none}\n"
	".view h2{position:absolute;left:-9999px}\n"
	".chart{overflow-x:auto;background:#fff;border:1px solid #d8dde4;border-radius:6px}\n"
	".gantt{display:block;width:100%;height:auto;font-family:inherit}\n"
	".gantt text{font-size:12px;fill:#1d2733}\n"
	".hour{stroke:#aab3bf;stroke-width:1}.half{stroke:#e1e5ea;stroke-width:1}\n"
	".hl{text-anchor:middle;font-size:11px!important;fill:#4a5563!important}\n"
	".row{fill:#fff}.row.odd{fill:#f3f5f8}.grp{fill:#e3e8ef}\n"
	".gl{font-weight:600;font-size:12px}\n"
	".rl{font-weight:600;font-size:13px!important}.rn{font-size:11px!important;"
	"fill:#4a5563!important}\n"
	".off{fill:#e6e9ed;opacity:.8}.ot{fill:#ffb703;opacity:.12}\n"
	".otl{font-size:10px!important;fill:#9a6700!important}\n"
	".blk{stroke:#1d2733;stroke-opacity:.35}\n"
	".job .jid{font-size:11px;font-weight:600}.job .jsv{font-size:10px}\n"
	".job.past{opacity:.5}.job.current .blk{stroke:#1d3557;stroke-width:2.5;"
	"stroke-opacity:1}\n"
	".job:hover .blk{stroke-opacity:1;stroke-width:2}\n"
	".core{fill:#1d3557}.wait{fill:#fff;stroke:#1d2733;stroke-width:1.5}\n"
	".lateedge{fill:#d62828}\n"
	".job.st-done{opacity:.55}.done{fill:none;stroke:#1d2733;stroke-width:2}\n"
	".prog{fill:#1d3557}.carry{fill:none;stroke:#1d2733;stroke-width:1.5;"
	"stroke-dasharray:4 3}\n"
	".mk-done{background:#fff;opacity:.55}.mk-prog{background:linear-gradient(0deg,"
	"#1d3557 25%,#fff 25%)}.mk-carry{border:1.5px dashed #1d2733}\n"
	".pause{fill:#fff;opacity:.55}.hand{fill:#1d2733;opacity:.45}"
	".held{fill:none;stroke:#1d2733;stroke-width:1;stroke-dasharray:2 3}\n"
	".cont{fill:#1d2733}.loanmk{font-size:10px!important;font-weight:700}\n"
	".mk-pause{background:repeating-linear-gradient(90deg,#9db4d0 0 5px,#eef2f7 5px 10px)}"
	".mk-hand{background:linear-gradient(0deg,#6b7480 30%,#fff 30%)}"
	".mk-cont{background:linear-gradient(90deg,#ddd 60%,#1d2733 60%)}"
	".mk-loan{font-size:10px;font-weight:700;text-align:center;line-height:11px}\n"
	".now-line line{stroke:#d62828;stroke-width:2}.now-line text{fill:#d62828;"
	"font-size:11px;font-weight:600}\n"
	".legend ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;"
	"margin:0}\n"
	".legend li{display:flex;align-items:center;gap:6px;font-size:13px}\n"
	".sw{display:inline-block;width:16px;height:12px;border-radius:2px;"
	"border:1px solid #8a94a3}\n"
	".mk-core{background:linear-gradient(135deg,#1d3557 50%,#fff 50%)}\n"
	".mk-wait{border-radius:50%;width:12px;border:2px solid #1d2733;background:#fff}\n"
	".mk-late{background:linear-gradient(90deg,#ddd 70%,#d62828 70%)}\n"
	".mk-closed{background:repeating-linear-gradient(45deg,#eceff3 0 3px,#b8c0cc 3px 5px)}\n"
	".mk-off{background:#e6e9ed}.mk-ot{background:#fff1cc}\n"
	".note{font-size:12px;color:#4a5563;margin:6px 0 0}\n"
	".panels{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,380px),1fr));"
	"gap:12px;margin-top:8px}\n"
	".panels section,.legend{background:#fff;border:1px solid #d8dde4;border-radius:6px;"
	"padding:4px 12px 10px;margin-top:10px}\n"
	".tw{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:14px}\n"
	"td{overflow-wrap:anywhere}#unscheduled{grid-column:1/-1}\n"
	".sw-stripe{background-image:repeating-linear-gradient(45deg,rgba(29,39,51,.55) 0 1.5px,"
	"transparent 1.5px 5px)}.sw-dot{background-image:radial-gradient(rgba(29,39,51,.7) 1px,"
	"transparent 1.3px);background-size:4px 4px}\n"
	".live-now line{stroke:#d62828;stroke-width:2}.live-now text{fill:#d62828!important;"
	"font-size:11px;font-weight:600}\n"
	"th,td{text-align:left;padding:3px 8px 3px 0;border-bottom:1px solid #edf0f3;"
	"vertical-align:top}\n"
	".nw{white-space:nowrap}.measuring .view{display:block!important}\n"
	"#parts ul{margin:0;padding-left:18px;font-size:14px}\n"
	/* Printed: one landscape page per view (A4 or Letter, as the printer
	 * has), the chart scaled to the page whatever its length, then the
	 * panels. */
	"@page{size:landscape;margin:8mm}\n"
	"@media print{body{background:#fff;padding:0;font-size:11px}.tabs{display:none}"
	".view{display:block!important;break-after:page;break-inside:avoid}"
	".view h2{position:static}.chart{overflow:visible;border:0}"
	".gantt{width:100%;height:auto;max-height:165mm;min-width:0!important}"
	".legend{break-inside:avoid}.panels{display:block}.panels section{break-inside:avoid}"
	".now-line,.live-now{display:none}}\n";

/* The page's only script, inline (the page stays one file that fetches
 * nothing; without script it still shows the bay view and every label):
 * #technician and #bay choose the view, and the tabs keep the address in
 * step; a "now" line from the viewer's clock when the board's date is
 * today (not when the page was written with --now); and a self-check that
 * measures the labels and panels as drawn and writes what it found into
 * <body> (data-labels, data-label-clipped, data-mark-overlap,
 * data-panel-overflow, and data-label-bad naming the jobs at fault), for
 * tests/e2e/t_board_browser.sh. It holds no
 * '<', so no HTML reader can take it for markup. */
static const char js[] =
	"(function(){var d=document,b=d.body;\n"
	"function view(){var h=location.hash.slice(1),t=d.getElementById('v-tech');\n"
	" if(h==='technician'||h==='tech')t.checked=true;\n"
	" if(h==='bay')d.getElementById('v-bay').checked=true;\n"
	" b.setAttribute('data-view',t.checked?'technician':'bay');}\n"
	"function tab(h){return function(){history.replaceState(null,'','#'+h);view();};}\n"
	"d.getElementById('v-bay').addEventListener('change',tab('bay'));\n"
	"d.getElementById('v-tech').addEventListener('change',tab('technician'));\n"
	"addEventListener('hashchange',view);view();\n"
	"function two(n){return(n>9?'':'0')+n;}\n"
	"function now(){var t=new Date(),m=t.getHours()*60+t.getMinutes(),\n"
	" day=t.getFullYear()+'-'+two(t.getMonth()+1)+'-'+two(t.getDate()),\n"
	" gs=d.querySelectorAll('svg.gantt'),n=0;\n"
	" for(var i=0;gs.length>i;i++){var g=gs[i],o=g.querySelector('.live-now');if(o)o.remove();\n"
	"  if(b.getAttribute('data-date')!==day||b.hasAttribute('data-fixed-now'))continue;\n"
	"  var t0=+g.dataset.t0,t1=+g.dataset.t1;if(t0>m||m>t1)continue;\n"
	"  var x=+g.dataset.x0+(m-t0)*g.dataset.ppm,ns=g.namespaceURI,\n"
	"   e=d.createElementNS(ns,'g'),l=d.createElementNS(ns,'line'),s=d.createElementNS(ns,'text');\n"
	"  e.setAttribute('class','live-now');l.setAttribute('x1',x);l.setAttribute('x2',x);\n"
	"  l.setAttribute('y1',g.dataset.top);l.setAttribute('y2',g.dataset.bottom);\n"
	"  s.setAttribute('x',x+3);s.setAttribute('y',10);\n"
	"  s.textContent='now '+two(t.getHours())+':'+two(t.getMinutes());\n"
	"  e.appendChild(l);e.appendChild(s);g.appendChild(e);n++;}\n"
	" b.setAttribute('data-live-now',n);}\n"
	"now();setInterval(now,60000);\n"
	"function box(e){var r=e.getBBox();return{x:r.x,y:r.y,r:r.x+r.width,b:r.y+r.height};}\n"
	"function meet(a,c){return c.r>a.x+.5&&a.r>c.x+.5&&c.b>a.y+.5&&a.b>c.y+.5;}\n"
	"function check(){b.classList.add('measuring');\n"
	" var n=0,clip=0,over=0,pan=0,bad=[],js=d.querySelectorAll('g.job');\n"
	" for(var i=0;js.length>i;i++){var j=js[i],r=box(j.querySelector('rect.blk')),\n"
	"  ts=j.querySelectorAll('text.jid,text.jsv'),ms=j.querySelectorAll('.wait,.loanmk,.done');\n"
	"  for(var k=0;ts.length>k;k++){var t=box(ts[k]);n++;\n"
	"   if(r.x-.5>t.x||t.r>r.r+.5){clip++;bad.push(j.dataset.job);}\n"
	"   for(var q=0;ms.length>q;q++)if(meet(t,box(ms[q]))){over++;bad.push(j.dataset.job);}}}\n"
	" var ps=d.querySelectorAll('.panels section,.legend,.tw');\n"
	" for(i=0;ps.length>i;i++)if(ps[i].scrollWidth>ps[i].clientWidth+1)pan++;\n"
	" b.classList.remove('measuring');\n"
	" b.setAttribute('data-labels',n);b.setAttribute('data-label-clipped',clip);\n"
	" b.setAttribute('data-mark-overlap',over);b.setAttribute('data-panel-overflow',pan);\n"
	" b.setAttribute('data-label-bad',bad.slice(0,20).join(' '));}\n"
	"check();})();\n";

static void script(struct board *b)
{
	fprintf(b->f, "<script>\n%s</script>\n", js);
}

static void page_head(struct board *b, const struct bp_board_opts *o)
{
	const struct bp_plan *p = b->p;
	FILE *f = b->f;
	static const char *wd[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
				   "Saturday", "Sunday"};
	char date[16], title[BP_NAME_LEN + 64], a[8], c[8];
	bp_date_format(p->date, date, sizeof date);
	if (o->title)
		snprintf(title, sizeof title, "%s", o->title);
	else
		snprintf(title, sizeof title, "Workshop board \xe2\x80\x93 %s%s%s",
			 b->s->info.name, b->s->info.name[0] ? " \xe2\x80\x93 " : "", date);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"bayplan " BP_VERSION "\">\n", f);
	/* A wall screen picks up a new plan by itself; the file is replaced
	 * whole (io/outfile.c), so a reload never reads half of it. */
	if (o->refresh > 0)
		fprintf(f, "<meta http-equiv=\"refresh\" content=\"%d\">\n", o->refresh);
	fputs("<title>", f);
	esc(b, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body data-date=\"%s\"%s>\n", css,
		date, b->now >= 0 ? " data-fixed-now" : "");
	/* The class patterns, once for both charts. */
	fputs("<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\">"
	      "<defs><pattern id=\"pat-stripe\" width=\"6\" height=\"6\" "
	      "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	      "<rect width=\"3\" height=\"6\" fill=\"#1d2733\"/></pattern>"
	      "<pattern id=\"pat-dot\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\">"
	      "<circle cx=\"2\" cy=\"2\" r=\"1.4\" fill=\"#1d2733\"/>"
	      "</pattern></defs></svg>\n<header><h1>", f);
	esc(b, title);
	hhmm(b->s->info.open, a);
	hhmm(b->s->info.close, c);
	fprintf(f, "</h1>\n<p class=\"sub\">%s %s \xc2\xb7 open %s\xe2\x80\x93%s "
		"(+%d min overtime) \xc2\xb7 plan %s \xc2\xb7 %d of %d jobs scheduled",
		wd[bp_weekday(p->date)], date, a, c, b->s->info.overtime_minutes,
		bp_run_status_name(p->status), p->kpi.done, p->kpi.jobs);
	if (p->learned_durations)
		fputs(" \xc2\xb7 learned durations", f);
	if (b->now >= 0) {
		hhmm(b->now, a);
		fprintf(f, " \xc2\xb7 now %s", a);
	}
	fputs("</p></header>\n", f);
}

int bp_board_write(FILE *f, const struct bp_shop *s, const struct bp_plan *p,
		   const struct bp_board_opts *o, struct bp_err *err)
{
	struct bp_board_opts defaults;
	struct board b = {.f = f, .s = s, .p = p};
	if (!o) {
		bp_board_opts_init(&defaults);
		o = &defaults;
	}
	errno = 0;   /* so that a failed write reports its own cause */
	int rc = bp_plan_check_refs(s, p, err);
	if (rc)
		return rc;
	b.now = o->now;
	b.refresh = o->refresh;
	time_axis(&b);
	if (classes_init(&b) != 0) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory writing the board");
		goto out;
	}
	page_head(&b, o);
	fputs("<input type=\"radio\" name=\"view\" id=\"v-bay\" class=\"vsw\" checked>\n"
	      "<input type=\"radio\" name=\"view\" id=\"v-tech\" class=\"vsw\">\n"
	      "<nav class=\"tabs\"><label for=\"v-bay\">By bay</label>"
	      "<label for=\"v-tech\">By technician</label></nav>\n<main class=\"views\">\n", f);
	if (view_section(&b, VIEW_BAY) != 0 || view_section(&b, VIEW_TECH) != 0) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory writing the board");
		goto out;
	}
	fputs("</main>\n", f);
	legend(&b);
	fputs("<div class=\"panels\">\n", f);
	unscheduled(&b);
	kpis(&b);
	parts(&b, o);
	fputs("</div>\n", f);
	script(&b);
	fputs("</body>\n</html>\n", f);
	if (fflush(f) != 0 || ferror(f))
		rc = bp_err_set(err, BP_EIO, "cannot write the board: %s",
				errno ? strerror(errno) : "write failed");
out:
	free(b.classes);
	free(b.color);
	return rc;
}
