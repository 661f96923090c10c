/*
 * test_board.c - the board page, read back structurally: tags balance, one
 * block per scheduled job in each view with its times, text escaped, the
 * "now" line only when asked, nothing fetched from the network.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/board.h"
#include "tests/plan_fixture.h"

Suite *bp_suite_board(void);

static char *page(const struct bp_board_opts *o)
{
	struct bp_shop s;
	struct bp_plan p;
	struct bp_err err = {0};
	char *buf = NULL;
	size_t len = 0;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	int rc = bp_board_write(f, &s, &p, o, &err);
	fclose(f);
	ck_assert_msg(rc == BP_OK, "bp_board_write: %d %s", rc, err.msg);
	bp_plan_free(&p);
	bp_shop_free(&s);
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The text of <section id="ID"> up to its </section> (sections do not nest). */
static char *section(const char *html, const char *id)
{
	char open[64];
	snprintf(open, sizeof open, "<section id=\"%s\"", id);
	const char *a = strstr(html, open);
	ck_assert_msg(a != NULL, "no section %s", id);
	ck_assert_msg(strstr(a + 1, open) == NULL, "section %s twice", id);
	const char *e = strstr(a, "</section>");
	ck_assert_ptr_nonnull(e);
	return strndup(a, (size_t)(e - a));
}

/* Decode the five references the writer produces. */
static void unescape(const char *s, size_t n, char *out, size_t cap)
{
	static const struct {
		const char *ref;
		char c;
	} refs[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < cap;) {
		size_t k;
		for (k = 0; k < 5; k++) {
			size_t l = strlen(refs[k].ref);
			if (i + l <= n && strncmp(s + i, refs[k].ref, l) == 0) {
				out[o++] = refs[k].c;
				i += l;
				break;
			}
		}
		if (k == 5)
			out[o++] = s[i++];
	}
	out[o] = 0;
}

/* Value of attribute `name` in the tag starting at tag; 0 when absent. */
static int attr(const char *tag, const char *name, char *out, size_t cap)
{
	const char *end = strchr(tag, '>');
	char key[40];
	snprintf(key, sizeof key, " %s=\"", name);
	const char *a = strstr(tag, key);
	if (!a || a > end)
		return 0;
	a += strlen(key);
	const char *q = strchr(a, '"');
	unescape(a, (size_t)(q - a), out, cap);
	return 1;
}

struct block {
	char job[64], start[8], end[8], cls[128];
};

/* Every <g class="job ..."> in text: its job, start, end and classes. */
static int blocks(const char *text, struct block *b, int cap)
{
	int n = 0;
	const char *open = "<g class=\"job";
	for (const char *p = strstr(text, open); p; p = strstr(p + 1, open)) {
		ck_assert_msg(n < cap, "more than %d blocks", cap);
		ck_assert(attr(p, "class", b[n].cls, sizeof b[n].cls));
		ck_assert_msg(attr(p, "data-job", b[n].job, sizeof b[n].job),
			      "block without data-job");
		ck_assert(attr(p, "data-start", b[n].start, sizeof b[n].start));
		ck_assert(attr(p, "data-end", b[n].end, sizeof b[n].end));
		n++;
	}
	return n;
}

/* A small HTML reader: every element closes in order, except the void ones
 * and SVG's self-closing ones; tag names are letters first (a raw '<' from
 * unescaped data would show up as a bad tag); attribute quotes balance. */
static const char *check_tags(const char *html)
{
	static char msg[160];
	static const char *voids[] = {"meta", "input", "br", "hr", "img", "link"};
	char stack[64][24];
	int depth = 0;
	const char *p = html;
	while ((p = strchr(p, '<'))) {
		if (strncmp(p, "<!DOCTYPE", 9) == 0 || strncmp(p, "<!--", 4) == 0) {
			p = strchr(p, '>');
			continue;
		}
		int closing = p[1] == '/';
		const char *n = p + 1 + closing;
		if (!isalpha((unsigned char)*n)) {
			snprintf(msg, sizeof msg, "bad tag at '%.30s'", p);
			return msg;
		}
		char name[24];
		size_t l = 0;
		while ((isalnum((unsigned char)n[l]) || n[l] == '-') && l + 1 < sizeof name) {
			name[l] = n[l];
			l++;
		}
		name[l] = 0;
		const char *e = n + l;
		int quotes = 0;
		while (*e && (*e != '>' || quotes % 2)) {
			if (*e == '"')
				quotes++;
			if (*e == '<' && !(quotes % 2)) {
				snprintf(msg, sizeof msg, "'<' inside tag %s", name);
				return msg;
			}
			e++;
		}
		if (!*e)
			return "unterminated tag";
		int self = e[-1] == '/';
		int isvoid = 0;
		for (size_t i = 0; i < sizeof voids / sizeof voids[0]; i++)
			isvoid |= strcmp(name, voids[i]) == 0;
		if (closing) {
			if (depth == 0 || strcmp(stack[depth - 1], name) != 0) {
				snprintf(msg, sizeof msg, "</%s> closes <%s>", name,
					 depth ? stack[depth - 1] : "nothing");
				return msg;
			}
			depth--;
		} else if (!self && !isvoid) {
			if (depth == 64)
				return "nesting too deep";
			snprintf(stack[depth++], sizeof stack[0], "%s", name);
		}
		/* Text of <style> and <title> cannot hold tags. */
		if (!closing && (strcmp(name, "style") == 0)) {
			e = strstr(e, "</style>");
			if (!e)
				return "<style> not closed";
			p = e;
			continue;
		}
		p = e + 1;
	}
	if (depth) {
		snprintf(msg, sizeof msg, "<%s> never closed", stack[depth - 1]);
		return msg;
	}
	return NULL;
}

START_TEST(page_tags_balance)
{
	char *html = page(NULL);
	ck_assert_msg(strncmp(html, "<!DOCTYPE html>\n", 16) == 0, "no doctype");
	const char *bad = check_tags(html);
	ck_assert_msg(bad == NULL, "%s", bad);
	ck_assert_msg(strstr(html, "<meta name=\"viewport\""), "no viewport meta");
	ck_assert_msg(strstr(html, "<meta charset=\"utf-8\">"), "no charset");
	/* Every chart scales: a viewBox and width 100 % from the stylesheet. */
	ck_assert_int_eq(count(html, "<svg class=\"gantt\" viewBox=\"0 0 "), 2);
	ck_assert_msg(strstr(html, ".gantt{display:block;width:100%"), "chart not fluid");
	ck_assert_msg(strstr(html, ".chart{overflow-x:auto"), "chart does not scroll");
	free(html);
}
END_TEST

static void check_view(const char *html, const char *id)
{
	struct bp_shop s;
	struct bp_plan p;
	struct block b[32];
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	char *sec = section(html, id);
	int n = blocks(sec, b, 32);
	ck_assert_msg(n == p.nassign, "%s: %d blocks for %d scheduled jobs", id, n, p.nassign);
	for (int i = 0; i < p.nassign; i++) {
		const char *job = s.jobs[p.assign[i].job].id;
		char st[8], en[8];
		bp_time_format(p.assign[i].start, st, sizeof st);
		bp_time_format(p.assign[i].end, en, sizeof en);
		int found = 0;
		for (int k = 0; k < n; k++) {
			if (strcmp(b[k].job, job) != 0)
				continue;
			found++;
			ck_assert_msg(strcmp(b[k].start, st) == 0 && strcmp(b[k].end, en) == 0,
				      "%s: %s shown %s-%s, planned %s-%s", id, job, b[k].start,
				      b[k].end, st, en);
		}
		ck_assert_msg(found == 1, "%s: job %s has %d blocks", id, job, found);
	}
	/* Unscheduled jobs have no block. */
	for (int k = 0; k < n; k++)
		ck_assert_msg(strcmp(b[k].job, "RO-1008") && strcmp(b[k].job, "RO-1009"),
			      "%s: unscheduled job drawn", id);
	free(sec);
	bp_plan_free(&p);
	bp_shop_free(&s);
}

START_TEST(one_block_per_job_per_view)
{
	char *html = page(NULL);
	check_view(html, "view-bay");
	check_view(html, "view-tech");
	free(html);
}
END_TEST

START_TEST(blocks_carry_marks)
{
	char *html = page(NULL);
	char *sec = section(html, "view-bay");
	struct block b[32];
	int n = blocks(sec, b, 32);
	for (int k = 0; k < n; k++) {
		int late = strcmp(b[k].job, "R<1&2>") == 0 || strcmp(b[k].job, "RO-1007") == 0;
		int wait = strcmp(b[k].job, "RO-1001") == 0 || strcmp(b[k].job, "RO-1005") == 0;
		ck_assert_msg(!!strstr(b[k].cls, " late") == late, "%s: classes '%s'", b[k].job,
			      b[k].cls);
		ck_assert_msg(!!strstr(b[k].cls, " waiting") == wait, "%s: classes '%s'",
			      b[k].job, b[k].cls);
	}
	/* The late edge, the core marker, and the hover text with parts time. */
	ck_assert_int_eq(count(sec, "class=\"lateedge\""), 2);
	ck_assert_int_eq(count(sec, "class=\"core\""), 3);
	ck_assert_int_eq(count(sec, "<title>"), n);
	ck_assert_msg(strstr(sec, "Parts arrive 13:30</title>"), "parts time not in hover text");
	ck_assert_msg(strstr(sec, "Promised 09:30 \xe2\x80\x93 ready 15 min late"), "lateness text");
	/* Breaks in the technician view, closed times in the bay view. */
	ck_assert_int_eq(count(sec, "class=\"closed\""), 1);
	free(sec);
	sec = section(html, "view-tech");
	ck_assert_int_eq(count(sec, "class=\"break\""), 3);
	ck_assert_msg(strstr(sec, "senior technicians") && strstr(sec, "junior technicians"),
		      "technicians not grouped by level");
	free(sec);
	free(html);
}
END_TEST

START_TEST(text_is_escaped)
{
	const char *lines[] = {"PAD-F: 4 <on hand> & \"10\" on order", NULL};
	struct bp_board_opts o;
	bp_board_opts_init(&o);
	o.reorder_lines = lines;
	o.nreorder = 2;
	o.title = "Board <b>'1'</b>";
	char *html = page(&o);
	ck_assert_msg(strstr(html, "R<1&2>") == NULL, "raw job id in the page");
	ck_assert_msg(strstr(html, "data-job=\"R&lt;1&amp;2&gt;\""), "escaped id missing");
	ck_assert_msg(strstr(html, "<title>Board &lt;b&gt;&#39;1&#39;&lt;/b&gt;</title>"),
		      "title not escaped");
	ck_assert_msg(strstr(html, "O&#39;Brien &quot;Idle&quot;"), "technician name");
	ck_assert_msg(strstr(html, "<li>PAD-F: 4 &lt;on hand&gt; &amp; &quot;10&quot; on "
			     "order</li>"), "reorder line not escaped");
	ck_assert_msg(strstr(html, "Hybrid system fault &quot;HV&quot;"), "service name");
	const char *bad = check_tags(html);
	ck_assert_msg(bad == NULL, "%s", bad);
	free(html);
}
END_TEST

START_TEST(now_line_only_with_now)
{
	char *html = page(NULL);
	ck_assert_int_eq(count(html, "now-line\""), 0);
	ck_assert_msg(strstr(html, " past") == NULL, "past jobs without a now");
	free(html);
	struct bp_board_opts o;
	bp_board_opts_init(&o);
	o.now = 10 * 60 + 20;
	html = page(&o);
	ck_assert_int_eq(count(html, "<g class=\"now-line\">"), 2);
	ck_assert_msg(strstr(html, "now 10:20"), "now time not shown");
	/* RO-1001 ended at 08:35: past; RO-1005 runs 10:15-11:00: current. */
	ck_assert_msg(strstr(html, "waiting past\" data-job=\"RO-1001\""), "RO-1001 not past");
	ck_assert_msg(strstr(html, "waiting current\" data-job=\"RO-1005\""),
		      "RO-1005 not current");
	free(html);
}
END_TEST

/* Each bar reads its id first; on the bay view the technician below it, on
 * the technician view the bay; the marks sit below the id's line, never on
 * it; a bar too narrow for the id shows its end after an ellipsis. */
START_TEST(labels_name_the_other_resource)
{
	struct bp_shop s;
	struct bp_plan p;
	struct bp_err err = {0};
	char *html = NULL;
	size_t len = 0;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	const struct bp_assignment *a = &p.assign[0];
	for (int i = 1; i < p.nassign; i++)   /* the longest bar has room for both lines */
		if (p.assign[i].end - p.assign[i].start > a->end - a->start)
			a = &p.assign[i];
	char want_bay[128], want_tech[128];
	snprintf(want_bay, sizeof want_bay, ">%s \xc2\xb7 %s</text>", s.techs[a->tech].id,
		 s.services[s.jobs[a->job].service].code);
	snprintf(want_tech, sizeof want_tech, ">%s \xc2\xb7 %s</text>", s.bays[a->bay].id,
		 s.services[s.jobs[a->job].service].code);
	FILE *f = open_memstream(&html, &len);
	ck_assert_int_eq(bp_board_write(f, &s, &p, NULL, &err), BP_OK);
	fclose(f);
	char *sec = section(html, "view-bay");
	ck_assert_msg(strstr(sec, want_bay), "bay view lacks '%s'", want_bay);
	free(sec);
	sec = section(html, "view-tech");
	ck_assert_msg(strstr(sec, want_tech), "technician view lacks '%s'", want_tech);
	free(sec);
	/* The wait circle's centre is at least 19 units below the bar's top,
	 * the id's baseline 12: never on it. */
	for (const char *c = strstr(html, "<circle class=\"wait\""); c;
	     c = strstr(c + 1, "<circle class=\"wait\"")) {
		const char *blk = c;
		while (blk > html && strncmp(blk, "<rect class=\"blk\"", 17) != 0)
			blk--;
		char v[32];
		ck_assert(attr(blk, "y", v, sizeof v));
		int top = atoi(v);
		ck_assert(attr(c, "cy", v, sizeof v));
		ck_assert_msg(atoi(v) - top >= 19, "wait mark at %d, bar top %d", atoi(v), top);
	}
	free(html);
	/* A 30-minute job: its id's end after an ellipsis, whole in the title. */
	for (int i = 0; i < p.nassign; i++)
		if (p.assign[i].job == a->job)
			p.assign[i].end = p.assign[i].start + 30;
	snprintf(s.jobs[a->job].id, BP_ID_LEN, "RO-123456789");
	f = open_memstream(&html, &len);
	ck_assert_int_eq(bp_board_write(f, &s, &p, NULL, &err), BP_OK);
	fclose(f);
	ck_assert_msg(strstr(html, "89</text>") && strstr(html, "\">\xe2\x80\xa6"),
		      "narrow bar: no ellipsis and the id's end");
	ck_assert_msg(strstr(html, ">RO-123456789</text>") == NULL, "narrow bar: whole id drawn");
	free(html);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

START_TEST(refresh_and_script)
{
	struct bp_board_opts o;
	bp_board_opts_init(&o);
	char *html = page(&o);
	ck_assert_msg(strstr(html, "<meta http-equiv=\"refresh\" content=\"300\">"), "no refresh");
	ck_assert_msg(strstr(html, "<body data-date=\"2026-11-24\">"),
		      "no board date for the now line, or a fixed now without --now");
	/* The script holds no '<': no HTML reader takes it for markup. */
	const char *js = strstr(html, "<script>");
	ck_assert_ptr_nonnull(js);
	const char *end = strstr(js, "</script>");
	ck_assert_ptr_nonnull(end);
	ck_assert_msg(memchr(js + 8, '<', (size_t)(end - js - 8)) == NULL, "'<' in the script");
	free(html);
	o.refresh = 0;
	o.now = 10 * 60;
	html = page(&o);
	ck_assert_msg(strstr(html, "http-equiv") == NULL, "refresh 0 still refreshes");
	ck_assert_msg(strstr(html, "<body data-date=\"2026-11-24\" data-fixed-now>"),
		      "--now not marked for the script");
	free(html);
}
END_TEST

START_TEST(page_is_self_contained)
{
	char *html = page(NULL);
	const char *banned[] = {"http://", "https://", "<script src", " src=", "<link", "@import",
				"@font-face", "//fonts.", "fetch(", "XMLHttpRequest"};
	for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
		ck_assert_msg(strstr(html, banned[i]) == NULL, "page holds '%s'", banned[i]);
	for (const char *p = strstr(html, "url("); p; p = strstr(p + 1, "url("))
		ck_assert_msg(p[4] == '#', "url() to outside the page: %.30s", p);
	free(html);
}
END_TEST

START_TEST(panels_list_unscheduled_kpis_parts)
{
	char *html = page(NULL);
	char *u = section(html, "unscheduled");
	ck_assert_msg(strstr(u, "Not scheduled (2)") && strstr(u, "RO-1008") &&
		      strstr(u, "RO-1009") && strstr(u, "2026-11-26") && strstr(u, "capacity"),
		      "unscheduled panel: %s", u);
	free(u);
	char *k = section(html, "kpis");
	ck_assert_msg(strstr(k, "7 of 9") && strstr(k, "2 jobs, 30 min") &&
		      strstr(k, "15 min, cost 12.00"), "kpi panel: %s", k);
	free(k);
	char *pt = section(html, "parts");
	ck_assert_msg(strstr(pt, "No orders listed."), "empty parts panel: %s", pt);
	free(pt);
	/* Same input, same bytes. */
	char *again = page(NULL);
	ck_assert_msg(strcmp(html, again) == 0, "two renders differ");
	free(again);
	free(html);
}
END_TEST

START_TEST(bad_references_refused)
{
	struct bp_shop s;
	struct bp_plan p;
	struct bp_err err = {0};
	char *buf = NULL;
	size_t len;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	p.assign[0].bay = s.nbays;
	FILE *f = open_memstream(&buf, &len);
	int rc = bp_board_write(f, &s, &p, NULL, &err);
	fclose(f);
	ck_assert_msg(rc == BP_EINTERNAL, "rc %d", rc);
	ck_assert_msg(strstr(err.msg, "bay"), "message: %s", err.msg);
	free(buf);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

/* Pauses over breaks, the handover, work going on tomorrow (the bay held
 * to the end of the day), a loan car and the desk's figures (issue 18). */
START_TEST(pause_handover_carry_loan_marks)
{
	struct bp_shop s;
	struct bp_plan p;
	struct bp_err err = {0};
	char *html = NULL;
	size_t len = 0;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	s.services[bp_shop_service(&s, "OIL")].handover_minutes = 20;
	s.jobs[bp_shop_job(&s, "RO-1004")].loan_car = 1;
	s.info.loan_cars = 2;
	for (int i = 0; i < p.nassign; i++) {
		struct bp_assignment *a = &p.assign[i];
		if (!strcmp(s.jobs[a->job].id, "RO-1005"))
			a->start = 11 * 60 + 30, a->end = 13 * 60 + 15; /* over T1's lunch */
		if (!strcmp(s.jobs[a->job].id, "RO-1006"))
			a->carry = 90, a->carry_date = p.date + 1;
		if (!strcmp(s.jobs[a->job].id, "RO-1007"))
			a->checkin = 16 * 60 + 20;
	}
	bp_plan_kpis(&s, &p);
	FILE *f = open_memstream(&html, &len);
	ck_assert_int_eq(bp_board_write(f, &s, &p, NULL, &err), BP_OK);
	fclose(f);
	ck_assert_msg(check_tags(html) == NULL, "%s", check_tags(html));
	/* One pause mark per view for RO-1005; a handover tail for each of the
	 * three OIL jobs in each view; the bay held overnight once. */
	ck_assert_int_eq(count(html, "class=\"pause\""), 2);
	ck_assert_int_eq(count(html, "class=\"hand\""), 6);
	ck_assert_int_eq(count(html, "class=\"held\""), 1);
	ck_assert_int_eq(count(html, "class=\"cont\""), 2);
	ck_assert_int_eq(count(html, " loan\""), 2);
	ck_assert_msg(strstr(html, "Work pauses 45 min over the technician&#39;s breaks") ||
		      strstr(html, "Work pauses 45 min over the technician's breaks"),
		      "pause not in the hover text");
	ck_assert_msg(strstr(html, "Continues on 2026-11-25: 90 min of work left"),
		      "carry not in the hover text");
	ck_assert_msg(strstr(html, "Received by an advisor at 16:20"), "check-in not shown");
	ck_assert_msg(strstr(html, "<th>Check-ins</th>") && strstr(html, "<th>Loan cars</th>") &&
		      strstr(html, "<th>Continued</th>") && strstr(html, "<th>Paused</th>"),
		      "desk, loan and carry figures missing");
	free(html);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_board(void)
{
	Suite *su = suite_create("board");
	TCase *tc = tcase_create("structure");
	tcase_add_test(tc, page_tags_balance);
	tcase_add_test(tc, one_block_per_job_per_view);
	tcase_add_test(tc, blocks_carry_marks);
	tcase_add_test(tc, pause_handover_carry_loan_marks);
	tcase_add_test(tc, text_is_escaped);
	tcase_add_test(tc, now_line_only_with_now);
	tcase_add_test(tc, page_is_self_contained);
	tcase_add_test(tc, labels_name_the_other_resource);
	tcase_add_test(tc, refresh_and_script);
	tcase_add_test(tc, panels_list_unscheduled_kpis_parts);
	tcase_add_test(tc, bad_references_refused);
	suite_add_tcase(su, tc);
	return su;
}
