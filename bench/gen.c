/*
 * gen.c - bp-gen: realistic dealership workshop instances for the benchmarks
 * and the bundled demo shop. Writes a shop file in the format of doc/shop-file.md and,
 * with --history, the part-demand and actuals CSVs it names. The same seed and
 * options always give the same bytes (own PRNG, one stream per purpose).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/cli.h"
#include "model/err.h"
#include "model/timeutil.h"
#include "bench/rng.h"

#define HM(h, m) ((h) * 60 + (m))
#define OPEN HM(7, 30)
#define CLOSE HM(18, 0)
#define OVERTIME 60
#define MAX_TECHS 64
#define MAX_BAYS 64
#define MAX_DAYS 60
#define MAX_HISTORY 3660
#define LOAD_TARGET 0.90   /* booked minutes / technician minutes at --overload 1 */
#define LOAD_BAND 0.03

/* Uniform in 0..n-1 (n > 0). */
static int rng_int(struct rng *r, int n)
{
	return (int)(rng_u01(r) * n);
}

static double rng_uniform(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_u01(r);
}

static double rng_normal(struct rng *r)
{
	double u = 1.0 - rng_u01(r), v = rng_u01(r);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

static int rng_pick(struct rng *r, const double *w, int n)
{
	double tot = 0;
	for (int i = 0; i < n; i++)
		tot += w[i];
	double x = rng_u01(r) * tot;
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

static void rng_shuffle(struct rng *r, int *a, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = rng_int(r, i + 1), t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

/* ---- The shop's vocabulary: skills, bay types, roles, shifts ---- */

enum { SK_MAINT, SK_TYRES, SK_BRAKES, SK_DIAG, SK_ALIGN, SK_EV, SK_ENGINE, NSKILL };
static const char *const skill_id[NSKILL] = {
	"maintenance", "tyres", "brakes", "diagnostics", "alignment", "ev", "engine",
};

enum { BT_GENERAL, BT_ALIGN, BT_EV, BT_HEAVY, NBT };
static const char *const bay_type_id[NBT] = {"general", "alignment", "ev", "heavy"};
static const char bay_prefix[NBT] = {'B', 'A', 'E', 'H'};

/* Technicians come from a few role profiles, so that the schedule model finds
 * classes of interchangeable people (same skills, shift, breaks and costs). */
enum { R_JUNIOR, R_ALLROUND, R_SENIOR, R_EV_MID, R_EV_SENIOR, R_ALIGN, NROLE };
struct role {
	const char *name;
	unsigned char level[NSKILL];   /* maintenance tyres brakes diag align ev engine */
	double cost, overtime_cost;
};
static const struct role roles[NROLE] = {
	{"junior, maintenance and tyres", {1, 1, 1, 0, 0, 0, 0}, 24.00, 36.00},
	{"intermediate, all-round", {2, 2, 2, 2, 2, 0, 2}, 30.00, 45.00},
	{"senior, diagnostics and engine", {3, 2, 3, 3, 0, 0, 3}, 40.00, 60.00},
	{"intermediate, EV", {2, 1, 0, 2, 0, 2, 0}, 33.00, 49.50},
	{"senior, EV and hybrid", {2, 0, 2, 3, 0, 3, 0}, 44.00, 66.00},
	{"alignment specialist", {2, 3, 2, 0, 3, 0, 0}, 34.00, 51.00},
};

struct shift {
	struct bp_span work, brk;
};
static const struct shift shifts[] = {
	{{HM(8, 0), HM(17, 0)}, {HM(12, 0), HM(12, 45)}},
	{{HM(9, 0), HM(18, 0)}, {HM(13, 0), HM(13, 45)}},
	{{HM(7, 30), HM(16, 30)}, {HM(11, 30), HM(12, 15)}},
};
enum { SH_DAY, SH_LATE, SH_EARLY };

/* Most of a role works the day shift; bigger teams put a quarter on the late
 * shift, and juniors (or any team of eight or more) some on the early one.
 * Teams thus stay in few classes of interchangeable people. */
static int shift_of(int role, int k, int n)
{
	int late = n >= 3 ? (int)fmax(1, lround(n * 0.25)) : 0;
	int early = (n >= 4 && role == R_JUNIOR) || n >= 8 ? (int)fmax(1, lround(n * 0.15)) : 0;
	return k < n - late - early ? SH_DAY : k < n - early ? SH_LATE : SH_EARLY;
}

static const struct bp_span windows[] = {
	{HM(8, 0), HM(9, 0)}, {HM(9, 0), HM(11, 0)}, {HM(11, 0), HM(13, 0)}, {HM(14, 0), HM(16, 0)},
};
#define NWIN 4
static const double window_weight[NWIN] = {0.18, 0.34, 0.20, 0.28};

/* ---- Parts and services ---- */

struct partdef {
	const char *sku, *name;
	int rare;
	double cost;
	int pack, min_order;
	double service_level;
};
static const struct partdef parts[] = {
	{"FLT-OIL-01", "Oil filter 1.5T petrol", 0, 6.80, 10, 10, 0.95},
	{"FLT-OIL-02", "Oil filter 2.0 diesel", 0, 8.90, 10, 10, 0.95},
	{"OIL-5W30-L", "Engine oil 5W-30, litre", 0, 7.50, 20, 20, 0.98},
	{"OIL-5W40-L", "Engine oil 5W-40 diesel, litre", 0, 7.90, 20, 20, 0.97},
	{"GASKET-DRN", "Drain plug washer M14", 0, 0.40, 100, 100, 0.98},
	{"FLT-AIR-01", "Engine air filter", 0, 11.40, 5, 5, 0.95},
	{"FLT-CAB-01", "Cabin pollen filter", 0, 9.60, 5, 5, 0.95},
	{"PLUG-IR-04", "Spark plug, iridium", 0, 9.80, 4, 8, 0.93},
	{"BRK-PAD-F", "Brake pad set, front axle", 0, 48.00, 1, 2, 0.95},
	{"BRK-PAD-R", "Brake pad set, rear axle", 0, 39.00, 1, 2, 0.95},
	{"BRK-DISC-F", "Brake disc, front", 0, 62.00, 2, 2, 0.93},
	{"BRK-DISC-R", "Brake disc, rear", 0, 51.00, 2, 2, 0.90},
	{"BRK-FLUID-1L", "Brake fluid DOT 4, 1 L", 0, 8.50, 6, 6, 0.95},
	{"BRK-CLN-500", "Brake cleaner spray, 500 ml", 0, 4.20, 12, 12, 0.95},
	{"TYR-VALVE", "Tyre valve, rubber snap-in", 0, 0.90, 50, 50, 0.95},
	{"TYR-WGT-SET", "Wheel balance weights, set", 0, 3.50, 10, 10, 0.95},
	{"TYR-205-55R16", "Winter tyre 205/55 R16", 0, 78.00, 4, 4, 0.92},
	{"TYR-225-45R17", "Winter tyre 225/45 R17", 0, 102.00, 4, 4, 0.90},
	{"BAT-12V-70", "12 V battery 70 Ah AGM", 0, 135.00, 1, 2, 0.92},
	{"AC-R1234YF", "Refrigerant R1234yf, 500 g", 0, 38.00, 6, 6, 0.93},
	{"COOL-G12-L", "Coolant G12, litre", 0, 4.80, 10, 10, 0.95},
	{"EV-COOL-L", "EV battery coolant, litre", 0, 12.50, 6, 6, 0.93},
	{"TIMING-KIT", "Timing belt kit 1.5T", 0, 189.00, 1, 1, 0.90},
	{"WPUMP-01", "Water pump 1.5T", 0, 145.00, 1, 1, 0.90},
	{"WIPER-SET", "Wiper blade set", 0, 24.00, 5, 5, 0.92},
	{"BULB-H7", "Headlamp bulb H7", 0, 7.90, 10, 10, 0.92},
	{"SENS-O2", "Lambda sensor, upstream", 0, 89.00, 1, 1, 0.90},
	{"SENS-ABS", "Wheel-speed sensor, front", 0, 54.00, 1, 1, 0.90},
	{"BELT-AUX", "Auxiliary drive belt", 0, 29.00, 1, 2, 0.90},
	{"SHOCK-F", "Shock absorber, front", 0, 96.00, 2, 2, 0.90},
	{"THERMO-01", "Thermostat with housing", 0, 47.00, 1, 1, 0.90},
	{"ENG-HGASKET", "Cylinder head gasket set 2.0", 1, 265.00, 1, 1, 0.90},
	{"ENG-HBOLT", "Cylinder head bolt set 2.0", 0, 58.00, 1, 1, 0.90},
	{"TURBO-LINE", "Turbo oil feed line", 1, 78.00, 1, 1, 0.90},
	{"HV-RELAY", "Hybrid main relay (contactor)", 1, 420.00, 1, 1, 0.90},
	{"HV-INV-PUMP", "Inverter coolant pump", 1, 310.00, 1, 1, 0.90},
	{"EV-BMS-SENS", "Battery module temperature sensor", 1, 95.00, 1, 1, 0.90},
	{"AC-VALVE", "AC compressor control valve", 1, 120.00, 1, 1, 0.90},
	{"AC-DRYER", "AC receiver-drier", 1, 66.00, 1, 1, 0.90},
};
#define NPART ((int)(sizeof parts / sizeof parts[0]))

struct line {
	const char *sku;
	int qty;
};

struct svcdef {
	const char *code, *name;
	int skill, level, bay;
	int minutes[4];            /* by level 1..3; 0 = that level cannot */
	double weight;             /* share of bookings in a real shop's mix */
	int open_ended;            /* a diagnosis: the estimate is often overridden */
	struct line parts[8];
	struct line extras[4];     /* what diagnosis typically finds */
};
static const struct svcdef services[] = {
	{"OIL", "Oil and filter service", SK_MAINT, 1, BT_GENERAL, {0, 45, 35, 30}, 170, 0,
	 {{"FLT-OIL-01", 1}, {"OIL-5W30-L", 5}, {"GASKET-DRN", 1}},
	 {{"WIPER-SET", 1}, {"FLT-AIR-01", 1}, {"BULB-H7", 1}, {"BRK-PAD-F", 1}}},
	{"OIL-D", "Oil and filter service, diesel", SK_MAINT, 1, BT_GENERAL, {0, 50, 40, 35}, 55, 0,
	 {{"FLT-OIL-02", 1}, {"OIL-5W40-L", 6}, {"GASKET-DRN", 1}},
	 {{"WIPER-SET", 1}, {"BELT-AUX", 1}, {"BULB-H7", 1}}},
	{"TYRE-SWAP", "Seasonal wheel change (4)", SK_TYRES, 1, BT_GENERAL, {0, 40, 30, 30}, 130, 0,
	 {{"TYR-WGT-SET", 1}},
	 {{"TYR-VALVE", 4}, {"SHOCK-F", 2}}},
	{"TYRE-NEW", "New winter tyres fitted (4), 16 inch", SK_TYRES, 1, BT_GENERAL,
	 {0, 60, 45, 40}, 35, 0,
	 {{"TYR-205-55R16", 4}, {"TYR-VALVE", 4}, {"TYR-WGT-SET", 1}},
	 {{"SHOCK-F", 2}}},
	{"TYRE-NEW17", "New winter tyres fitted (4), 17 inch", SK_TYRES, 1, BT_GENERAL,
	 {0, 60, 45, 40}, 20, 0,
	 {{"TYR-225-45R17", 4}, {"TYR-VALVE", 4}, {"TYR-WGT-SET", 1}},
	 {{"SHOCK-F", 2}}},
	{"BRK-F", "Brake pads, front axle", SK_BRAKES, 1, BT_GENERAL, {0, 90, 75, 60}, 65, 0,
	 {{"BRK-PAD-F", 1}, {"BRK-CLN-500", 1}},
	 {{"BRK-DISC-F", 2}, {"BRK-FLUID-1L", 1}, {"SENS-ABS", 1}}},
	{"BRK-R", "Brake pads, rear axle", SK_BRAKES, 1, BT_GENERAL, {0, 90, 75, 60}, 40, 0,
	 {{"BRK-PAD-R", 1}, {"BRK-CLN-500", 1}},
	 {{"BRK-DISC-R", 2}, {"BRK-FLUID-1L", 1}}},
	{"BRK-DISC", "Brake discs and pads, front axle", SK_BRAKES, 2, BT_GENERAL, {0, 0, 120, 100},
	 25, 0, {{"BRK-DISC-F", 2}, {"BRK-PAD-F", 1}, {"BRK-CLN-500", 1}},
	 {{"BRK-FLUID-1L", 1}, {"SENS-ABS", 1}}},
	{"ALIGN", "Wheel alignment", SK_ALIGN, 2, BT_ALIGN, {0, 0, 60, 45}, 50, 0,
	 {{NULL, 0}},
	 {{"SHOCK-F", 2}}},
	{"DIAG", "Diagnostics, engine warning light", SK_DIAG, 2, BT_GENERAL, {0, 0, 90, 60}, 55, 1,
	 {{NULL, 0}},
	 {{"SENS-O2", 1}, {"THERMO-01", 1}, {"TURBO-LINE", 1}, {"BELT-AUX", 1}}},
	{"DIAG-ELEC", "Diagnostics, electrical fault", SK_DIAG, 2, BT_GENERAL, {0, 0, 120, 90}, 20, 1,
	 {{NULL, 0}},
	 {{"SENS-ABS", 1}, {"BAT-12V-70", 1}, {"BULB-H7", 2}}},
	{"EV-BATT", "EV battery health check", SK_EV, 2, BT_EV, {0, 0, 60, 45}, 35, 0,
	 {{NULL, 0}},
	 {{"EV-BMS-SENS", 1}, {"EV-COOL-L", 2}}},
	{"EV-SVC", "EV periodic service", SK_EV, 2, BT_EV, {0, 0, 75, 60}, 30, 0,
	 {{"FLT-CAB-01", 1}, {"BRK-FLUID-1L", 1}, {"EV-COOL-L", 2}},
	 {{"WIPER-SET", 1}, {"BRK-PAD-R", 1}}},
	{"HYB", "Hybrid system fault", SK_EV, 3, BT_EV, {0, 0, 0, 180}, 12, 1,
	 {{"EV-COOL-L", 2}},
	 {{"HV-RELAY", 1}, {"HV-INV-PUMP", 1}}},
	{"AC", "Air-conditioning service", SK_MAINT, 2, BT_GENERAL, {0, 0, 60, 45}, 20, 0,
	 {{"AC-R1234YF", 1}, {"FLT-CAB-01", 1}},
	 {{"AC-VALVE", 1}, {"AC-DRYER", 1}}},
	{"SVC-MAJ", "Major interval service", SK_MAINT, 1, BT_GENERAL, {0, 150, 120, 100}, 70, 0,
	 {{"FLT-OIL-01", 1}, {"OIL-5W30-L", 5}, {"GASKET-DRN", 1}, {"FLT-AIR-01", 1},
	  {"FLT-CAB-01", 1}, {"PLUG-IR-04", 4}, {"BRK-FLUID-1L", 1}},
	 {{"WIPER-SET", 1}, {"BELT-AUX", 1}, {"BRK-PAD-F", 1}, {"BULB-H7", 1}}},
	{"INSP", "Annual safety inspection", SK_MAINT, 1, BT_GENERAL, {0, 60, 45, 40}, 60, 0,
	 {{NULL, 0}},
	 {{"WIPER-SET", 1}, {"BULB-H7", 1}, {"BRK-PAD-R", 1}}},
	{"BATT-12V", "12 V battery replacement", SK_MAINT, 1, BT_GENERAL, {0, 30, 25, 20}, 40, 0,
	 {{"BAT-12V-70", 1}},
	 {{NULL, 0}}},
	{"TIMING", "Timing belt and water pump", SK_ENGINE, 2, BT_GENERAL, {0, 0, 240, 180}, 12, 0,
	 {{"TIMING-KIT", 1}, {"WPUMP-01", 1}, {"COOL-G12-L", 5}},
	 {{"BELT-AUX", 1}, {"THERMO-01", 1}}},
	{"ENG", "Major engine repair, cylinder head", SK_ENGINE, 3, BT_HEAVY, {0, 0, 0, 360}, 8, 1,
	 {{"ENG-HGASKET", 1}, {"ENG-HBOLT", 1}, {"OIL-5W30-L", 5}, {"FLT-OIL-01", 1},
	  {"COOL-G12-L", 6}, {"GASKET-DRN", 1}},
	 {{"TURBO-LINE", 1}, {"THERMO-01", 1}}},
};
#define NSVC ((int)(sizeof services / sizeof services[0]))

static const char *const tech_names[] = {
	"Wang Fang", "Li Wei", "Zhang Min", "Chen Jie", "Liu Yang", "Zhao Lei", "Huang Jing",
	"Zhou Qiang", "Wu Tao", "Xu Jun", "Sun Hui", "Ma Yan", "Zhu Bo", "Hu Hao",
	"Guo Ning", "He Peng", "Lin Xin", "Luo Yu", "Gao Gang", "Yang Li", "Zheng Hua",
	"Liang Chen", "Song Jian", "Tang Mei", "Han Dong", "Feng Rui", "Deng Kai",
	"Cao Ying", "Peng Fei", "Zeng Lin", "Xiao Ming", "Tian Jia", "Dong Wen", "Pan Yue",
	"Yuan Bin", "Cai Xia", "Jiang Hong", "Yu Feng", "Du Juan", "Ye Qing", "Cheng Long",
	"Wei Na", "Su Yi", "Lu Shan", "Ding Hao", "Ren Jie", "Shen Yun", "Yao Lan", "Lu Bin",
	"Jin Ping", "Wei Dong", "Qin Hai", "Xie Ting", "Kong Fan", "Bai Xue", "Fan Lei",
};
#define NNAMES ((int)(sizeof tech_names / sizeof tech_names[0]))

/* ---- Sizes ---- */

struct sizedef {
	const char *name;
	int bays[NBT];
	int roles[NROLE];          /* junior, all-round, senior, EV mid, EV senior, alignment */
	int jobs;                  /* bookings on the first day at --overload 1 */
	int advisors;              /* ~9 cars a day each at --overload 1 (12 at most) */
	int short_common;          /* common parts short on the first day (JIT) */
	int missing_rare;          /* rare parts missing: jobs unschedulable for parts */
	const char *shop_name;
	int loan_cars;             /* about one per loan customer at --overload 1 */
	int wash_bays;             /* 0: the wash is in the handover, not planned as a
				      resource (planning it slows the search: see
				      bench/README.md); --wash-bays N sets it */
};
static const struct sizedef sizes[] = {
	{"S", {4, 1, 1, 0}, {2, 2, 1, 0, 1, 0}, 30, 4, 2, 1, NULL, 2, 0},
	{"M", {8, 2, 2, 0}, {4, 4, 2, 2, 1, 1}, 80, 9, 3, 1, NULL, 6, 0},
	{"L", {15, 3, 4, 2}, {8, 9, 4, 4, 2, 3}, 180, 20, 4, 2, NULL, 14, 0},
	{"XL", {25, 5, 6, 4}, {14, 14, 7, 6, 4, 5}, 320, 36, 5, 2, NULL, 24, 0},
	/* The 10,000-job day of the time-limit promise (issue 14 item 10,
	 * bench/limits.sh): XL's floor with 10,000 bookings on the first day,
	 * most of which cannot be placed; a stress case, not a shop. */
	{"10k", {25, 5, 6, 4}, {14, 14, 7, 6, 4, 5}, 10000, 36, 5, 2, NULL, 24, 0},
	{"demo", {7, 2, 2, 1}, {4, 4, 2, 2, 1, 1}, 72, 8, 3, 2, "Riverside Motors Service", 6, 0},
};
#define NSIZE ((int)(sizeof sizes / sizeof sizes[0]))

/* ---- The generated instance ---- */

struct opts {
	const struct sizedef *size;
	double overload;
	uint64_t seed;
	int date, days, history;
	int wash_bays;             /* -1: the size's */
	const char *date_s, *out;
};

struct bay {
	int type, closed;          /* closed: index into closings[], -1 = always open */
};
static const struct bp_span closings[] = {
	{HM(12, 0), HM(12, 30)},   /* cleaning */
	{HM(12, 0), HM(13, 0)},    /* EV bay: no cover over lunch */
	{HM(7, 30), HM(8, 0)},     /* alignment rig calibration */
};

struct tech {
	int role, shift;
	const char *name;
};

struct job {
	int day, svc, tier;
	int win;                   /* index into windows[], -1 = an arrival time */
	int arrival;               /* arrival time, or the window's start */
	int promised, waiting;
	int minutes;               /* override, 0 = the service's */
	int extra;                 /* part index of a part found at diagnosis, -1 = none */
	int extra_qty;
	int tech;                  /* requested technician, -1 = anyone */
};

struct shop {
	struct opts o;
	struct bay bays[MAX_BAYS];
	int nbays, has_heavy;
	struct tech techs[MAX_TECHS];
	int ntechs;
	double weight[NSVC];       /* the mix tilted so the floor is ~90 % booked */
	int limit[NSVC];           /* most bookings of a service a day will take */
	int capacity;              /* technician minutes in one day */
	struct job *jobs;
	int njobs, cap_jobs;
	int day_jobs[MAX_DAYS];
	int on_hand[NPART];
	int order_qty[NPART], order_at[NPART];   /* one delivery on the first day */
	int day0_need[NPART];
	int bottleneck;            /* technician index slower in the history */
};

static int part_index(const char *sku)
{
	for (int i = 0; i < NPART; i++)
		if (strcmp(parts[i].sku, sku) == 0)
			return i;
	return -1;
}

/* The standard duration: the minutes at the service's minimum level, the
 * level the plan should use (a senior on junior work is waste). */
static int svc_minutes(int s)
{
	return services[s].minutes[services[s].level];
}

static int job_minutes(const struct job *j)
{
	return j->minutes ? j->minutes : svc_minutes(j->svc);
}

static int tech_level(const struct shop *sh, int t, int s)
{
	int lv = roles[sh->techs[t].role].level[services[s].skill];
	return lv >= services[s].level ? lv : 0;
}

static int svc_bay(const struct shop *sh, int s)
{
	int b = services[s].bay;
	return b == BT_HEAVY && !sh->has_heavy ? BT_GENERAL : b;
}

static struct job *add_job(struct shop *sh)
{
	if (sh->njobs == sh->cap_jobs) {
		int nc = sh->cap_jobs ? 2 * sh->cap_jobs : 256;
		struct job *p = realloc(sh->jobs, (size_t)nc * sizeof *p);
		if (!p)
			return NULL;
		sh->jobs = p;
		sh->cap_jobs = nc;
	}
	struct job *j = &sh->jobs[sh->njobs++];
	memset(j, 0, sizeof *j);
	j->extra = j->tech = -1;
	return j;
}

/* ---- Building the shop ---- */

static void build_floor(struct shop *sh)
{
	const struct sizedef *z = sh->o.size;
	struct rng r = rng_stream(sh->o.seed, 1);

	sh->nbays = 0;
	for (int t = 0; t < NBT; t++) {
		for (int k = 0; k < z->bays[t]; k++) {
			struct bay *b = &sh->bays[sh->nbays++];
			b->type = t;
			b->closed = -1;
			if (t == BT_GENERAL && k % 6 == 5)
				b->closed = 0;
			else if (t == BT_EV && k == z->bays[t] - 1 && k > 0)
				b->closed = 1;
			else if (t == BT_ALIGN && k == 0 && z->bays[t] >= 3)
				b->closed = 2;
		}
	}
	sh->has_heavy = z->bays[BT_HEAVY] > 0;

	int order[NNAMES];
	for (int i = 0; i < NNAMES; i++)
		order[i] = i;
	rng_shuffle(&r, order, NNAMES);
	sh->ntechs = 0;
	sh->capacity = 0;
	for (int role = 0; role < NROLE; role++) {
		for (int k = 0; k < z->roles[role]; k++) {
			struct tech *t = &sh->techs[sh->ntechs];
			t->role = role;
			t->shift = shift_of(role, k, z->roles[role]);
			t->name = tech_names[order[sh->ntechs]];
			const struct shift *s = &shifts[t->shift];
			sh->capacity += s->work.end - s->work.start - (s->brk.end - s->brk.start);
			sh->ntechs++;
		}
	}

	/* The slowest of the all-round intermediates in the history (fact 6). */
	int cand[MAX_TECHS], nc = 0;
	for (int t = 0; t < sh->ntechs; t++)
		if (sh->techs[t].role == R_ALLROUND)
			cand[nc++] = t;
	sh->bottleneck = nc ? cand[rng_int(&r, nc)] : 0;
}

static double mix_mean(const double *w, double theta)
{
	double sw = 0, sm = 0;
	for (int s = 0; s < NSVC; s++) {
		double x = w[s] * exp(theta * svc_minutes(s));
		sw += x;
		sm += x * svc_minutes(s);
	}
	return sm / sw;
}

/* Tilt the real mix (exponentially, by duration) so that the expected
 * booked minutes fill ~90 % of the floor with the size's number of jobs. */
static void tilt_mix(struct shop *sh)
{
	double base[NSVC];
	for (int s = 0; s < NSVC; s++)
		base[s] = services[s].weight;
	double target = LOAD_TARGET * sh->capacity / sh->o.size->jobs;
	double lo = -0.05, hi = 0.05;
	for (int it = 0; it < 80; it++) {
		double mid = (lo + hi) / 2;
		if (mix_mean(base, mid) < target)
			lo = mid;
		else
			hi = mid;
	}
	for (int s = 0; s < NSVC; s++)
		sh->weight[s] = base[s] * exp(lo * svc_minutes(s));
}

/* A booking system does not sell more long jobs than the people and bays
 * able to do them can take: at most half of the qualified technicians' day,
 * and what the special bays (EV, alignment, heavy) hold. */
static void set_limits(struct shop *sh, double overload)
{
	for (int s = 0; s < NSVC; s++) {
		int m = svc_minutes(s), nq = 0, nb = 0, bt = svc_bay(sh, s);
		for (int t = 0; t < sh->ntechs; t++)
			nq += tech_level(sh, t, s) > 0;
		for (int b = 0; b < sh->nbays; b++)
			nb += sh->bays[b].type == bt;
		double lim = nq * 450.0 / (2.0 * m);
		if (bt != BT_GENERAL && nb * (CLOSE - OPEN) / (double)m < lim)
			lim = nb * (CLOSE - OPEN) / (double)m;
		int l = (int)floor(lim * overload);
		sh->limit[s] = l < 1 ? 1 : l;
	}
}

/* ---- Bookings ---- */

static int draw_service(const struct shop *sh, struct rng *r, int *count)
{
	int s = 0;
	for (int tries = 0; tries < 100; tries++) {
		s = rng_pick(r, sh->weight, NSVC);
		if (count[s] < sh->limit[s])
			break;
	}
	count[s]++;
	return s;
}

static int round_up(int m, int q)
{
	return (m + q - 1) / q * q;
}

static int pick_tier(struct rng *r)
{
	double u = rng_u01(r);
	return u < 0.20 ? 0 : u < 0.50 ? 1 : 2;
}

/* Window or arrival time: long jobs are dropped off in the morning. */
static void pick_timing(struct rng *r, struct job *j, int allow_arrival)
{
	int m = job_minutes(j);
	if (allow_arrival && rng_u01(r) < 0.15) {
		j->win = -1;
		int latest = m >= 180 ? HM(8, 30) : m >= 120 ? HM(11, 0) : HM(15, 0);
		j->arrival = OPEN + 15 * rng_int(r, (latest - OPEN) / 15 + 1);
		return;
	}
	double w[NWIN];
	for (int k = 0; k < NWIN; k++) {
		w[k] = window_weight[k];
		if ((m >= 180 && k > 0) || (m >= 120 && k == NWIN - 1))
			w[k] = 0;
	}
	j->win = rng_pick(r, w, NWIN);
	j->arrival = windows[j->win].start;
}

static void pick_extra(struct rng *r, struct job *j)
{
	const struct line *e = services[j->svc].extras;
	int n = 0;
	while (n < 4 && e[n].sku)
		n++;
	if (!n)
		return;
	int k = rng_int(r, n);
	j->extra = part_index(e[k].sku);
	j->extra_qty = e[k].qty;
}

/* Everything about a booking except its service, which the caller drew. */
static void dress_job(struct shop *sh, struct rng *r, struct job *j)
{
	const struct svcdef *sv = &services[j->svc];
	j->tier = pick_tier(r);
	double p_override = sv->open_ended ? 0.25 : 0.01;
	if (rng_u01(r) < p_override) {
		double f = sv->open_ended ? rng_uniform(r, 0.75, 1.5) : rng_uniform(r, 1.2, 1.4);
		int m = round_up((int)(svc_minutes(j->svc) * f), 15);
		j->minutes = m > 480 ? 480 : m;
	}
	pick_timing(r, j, 1);
	int m = job_minutes(j);
	double p_wait = m <= 60 ? 0.62 : m <= 120 ? 0.22 : 0.0;
	j->waiting = rng_u01(r) < p_wait;
	int from = j->win >= 0 ? windows[j->win].end : j->arrival;
	int slack = j->waiting ? 15 * (1 + rng_int(r, 2)) : 30 + 15 * rng_int(r, 7);
	int prom = round_up(from + m + slack, 15);
	j->promised = prom > CLOSE ? CLOSE : prom;
	if (rng_u01(r) < 0.05)
		pick_extra(r, j);
	if (rng_u01(r) < 0.05) {
		int cand[MAX_TECHS], n = 0;
		for (int t = 0; t < sh->ntechs; t++)
			if (tech_level(sh, t, j->svc))
				cand[n++] = t;
		if (n)
			j->tech = cand[rng_int(r, n)];
	}
}

/* Swap services until the first day's booked minutes sit in the target band:
 * the mix stays the shop's, the load is what the size promises. */
static void settle_load(struct shop *sh, struct rng *r, struct job *first, int n, int *count)
{
	double target = LOAD_TARGET * sh->o.overload * sh->capacity;
	double lo = target * (1 - LOAD_BAND / LOAD_TARGET);
	double hi = target * (1 + LOAD_BAND / LOAD_TARGET);
	long total = 0;
	for (int i = 0; i < n; i++)
		total += svc_minutes(first[i].svc);
	for (int it = 0; it < 100000 && (total < lo || total > hi); it++) {
		struct job *j = &first[rng_int(r, n)];
		int s = rng_pick(r, sh->weight, NSVC);
		int d = svc_minutes(s) - svc_minutes(j->svc);
		if (count[s] >= sh->limit[s])
			continue;
		if ((total < lo && d > 0 && svc_minutes(s) <= 150) || (total > hi && d < 0)) {
			count[j->svc]--;
			count[s]++;
			j->svc = s;
			total += d;
		}
	}
}

static int day_share(int day)
{
	int wd = bp_weekday(day);
	return wd == 6 ? 0 : wd == 5 ? 50 : 100;   /* Sundays closed, Saturdays half */
}

static void need_parts(const struct job *j, int *need)
{
	const struct line *l = services[j->svc].parts;
	for (int k = 0; k < 8 && l[k].sku; k++)
		need[part_index(l[k].sku)] += l[k].qty;
	if (j->extra >= 0)
		need[j->extra] += j->extra_qty;
}

/* A rare part that service s's diagnosis may find and that nobody needs yet;
 * index into its extras, -1 if none. */
static int unneeded_rare(int s, const int *need)
{
	const struct line *e = services[s].extras;
	for (int k = 0; k < 4 && e[k].sku; k++) {
		int p = part_index(e[k].sku);
		if (parts[p].rare && !need[p])
			return k;
	}
	return -1;
}

/* The first day must show rare parts missing: make sure enough distinct
 * rare parts are needed, as diagnosis findings on fitting bookings (or, in a
 * small shop without any, by turning one booking into a short diagnosis). */
static void force_rare(struct shop *sh, struct rng *r, struct job *first, int n)
{
	for (int guard = 0; guard < 50; guard++) {
		int need[NPART] = {0}, distinct = 0;
		for (int i = 0; i < n; i++)
			need_parts(&first[i], need);
		for (int p = 0; p < NPART; p++)
			distinct += parts[p].rare && need[p] > 0;
		if (distinct >= sh->o.size->missing_rare)
			return;
		int cand[1024], nc = 0;
		for (int i = 0; i < n && nc < 1024; i++)
			if (first[i].extra < 0 && unneeded_rare(first[i].svc, need) >= 0)
				cand[nc++] = i;
		struct job *j;
		if (nc) {
			j = &first[cand[rng_int(r, nc)]];
		} else {
			int svc[NSVC], ns = 0;
			for (int s = 0; s < NSVC; s++)
				if (svc_minutes(s) <= 120 && unneeded_rare(s, need) >= 0)
					svc[ns++] = s;
			if (!ns)
				return;
			j = &first[rng_int(r, n)];
			j->svc = svc[rng_int(r, ns)];
			j->minutes = 0;
			dress_job(sh, r, j);
		}
		int k = unneeded_rare(j->svc, need);
		j->extra = part_index(services[j->svc].extras[k].sku);
		j->extra_qty = services[j->svc].extras[k].qty;
	}
}

static int book_days(struct shop *sh)
{
	int base = (int)lround(sh->o.size->jobs * sh->o.overload);
	set_limits(sh, sh->o.overload);
	for (int d = 0; d < sh->o.days; d++) {
		int day = sh->o.date + d;
		struct rng r = rng_stream(sh->o.seed, 0x100000000ULL + (uint64_t)day);
		/* A booking book fills up towards the near days. */
		int n = d == 0 ? base : (int)lround(base * pow(0.82, d) * day_share(day) / 100.0);
		int start = sh->njobs, count[NSVC] = {0};
		for (int i = 0; i < n; i++) {
			struct job *j = add_job(sh);
			if (!j)
				return BP_EINTERNAL;
			j->day = day;
			j->svc = draw_service(sh, &r, count);
		}
		if (d == 0 && n > 0)
			settle_load(sh, &r, sh->jobs + start, n, count);
		for (int i = start; i < sh->njobs; i++)
			dress_job(sh, &r, &sh->jobs[i]);
		if (d == 0 && n > 0)
			force_rare(sh, &r, sh->jobs + start, n);
		sh->day_jobs[d] = n;
	}
	return BP_OK;
}

/* ---- Stock for the first day ---- */

static void stock_parts(struct shop *sh)
{
	struct rng r = rng_stream(sh->o.seed, 2);
	int *need = sh->day0_need;
	memset(need, 0, sizeof sh->day0_need);
	for (int i = 0; i < sh->day_jobs[0]; i++)
		need_parts(&sh->jobs[i], need);

	for (int p = 0; p < NPART; p++) {
		sh->order_qty[p] = 0;
		if (parts[p].rare)
			sh->on_hand[p] = rng_int(&r, 3);
		else if (need[p])
			sh->on_hand[p] = need[p] + (int)ceil(need[p] * rng_uniform(&r, 0.3, 1.5));
		else
			sh->on_hand[p] = rng_int(&r, parts[p].pack > 2 ? parts[p].pack : 3);
	}

	/* A few common parts short: the plan must wait for a 4-hour delivery. */
	int cand[NPART], nc = 0;
	for (int p = 0; p < NPART; p++)
		if (!parts[p].rare && need[p] >= 2 && parts[p].cost >= 2)
			cand[nc++] = p;
	rng_shuffle(&r, cand, nc);
	int nshort = nc < sh->o.size->short_common ? nc : sh->o.size->short_common;
	for (int k = 0; k < nshort; k++) {
		int p = cand[k];
		sh->on_hand[p] = (int)(need[p] * rng_uniform(&r, 0.2, 0.6));
		if (k == 0) {   /* already ordered: arrives mid-morning */
			int q = round_up(need[p] - sh->on_hand[p], parts[p].pack);
			sh->order_qty[p] = q < parts[p].min_order ? parts[p].min_order : q;
			sh->order_at[p] = HM(11, 0);
		}
	}
	/* Routine restocks arriving during the day. */
	static const int restock_at[] = {HM(10, 30), HM(14, 0)};
	for (int k = 0; k < 2 && nshort + k < nc; k++) {
		int p = cand[nshort + k];
		sh->order_qty[p] = parts[p].min_order > parts[p].pack ? parts[p].min_order
								      : parts[p].pack;
		sh->order_at[p] = restock_at[k];
	}

	/* Rare parts: some missing (the jobs cannot be done tomorrow), one on
	 * its way from an order placed two days ago, the rest on the shelf. */
	nc = 0;
	for (int p = 0; p < NPART; p++)
		if (parts[p].rare && need[p])
			cand[nc++] = p;
	rng_shuffle(&r, cand, nc);
	for (int k = 0; k < nc; k++) {
		int p = cand[k];
		if (k < sh->o.size->missing_rare) {
			sh->on_hand[p] = 0;
		} else if (k == sh->o.size->missing_rare) {
			sh->on_hand[p] = 0;
			sh->order_qty[p] = need[p];
			sh->order_at[p] = HM(12, 0);
		} else {
			sh->on_hand[p] = need[p] + rng_int(&r, 2);
		}
	}
}

/* ---- Writing the shop file ---- */

/* A double-quoted YAML scalar: only '"' and '\' need escapes in our data. */
static void q(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void qtime(FILE *f, int m)
{
	char b[8];
	bp_time_format(m, b, sizeof b);
	fprintf(f, "\"%s\"", b);
}

static void qspan(FILE *f, struct bp_span s)
{
	char b[16];
	bp_span_format(s, b, sizeof b);
	fprintf(f, "\"%s\"", b);
}

static void write_header(FILE *f, const struct shop *sh)
{
	const struct opts *o = &sh->o;
	int nt[NBT] = {0}, nr[NROLE] = {0};
	for (int b = 0; b < sh->nbays; b++)
		nt[sh->bays[b].type]++;
	for (int t = 0; t < sh->ntechs; t++)
		nr[sh->techs[t].role]++;
	if (o->size->shop_name)
		fprintf(f, "# %s: the bundled demo, a mid-size car dealership's service workshop.\n",
			o->size->shop_name);
	else
		fprintf(f, "# A generated %s-size dealership workshop for benchmarks.\n",
			o->size->name);
	fprintf(f, "# %d bays:", sh->nbays);
	for (int t = 0, c = 0; t < NBT; t++)
		if (nt[t])
			fprintf(f, "%s %d %s", c++ ? "," : "", nt[t], bay_type_id[t]);
	fprintf(f, ".\n# %d technicians:", sh->ntechs);
	for (int r = 0, c = 0; r < NROLE; r++)
		if (nr[r])
			fprintf(f, "%s %d %s", c++ ? (c % 2 == 1 ? ";\n#  " : ";") : "", nr[r],
				roles[r].name);
	fprintf(f, ".\n# %d bookings on %s", sh->day_jobs[0], o->date_s);
	if (o->days > 1)
		fprintf(f, " and %d on the %d days after", sh->njobs - sh->day_jobs[0], o->days - 1);
	fprintf(f, "; %d parts.\n", NPART);
	fprintf(f, "# Generated by bench/gen.c; regenerate rather than edit by hand:\n");
	fprintf(f, "#   bp-gen --size %s", o->size->name);
	if (o->overload != 1.0)
		fprintf(f, " --overload %g", o->overload);
	fprintf(f, " --seed %llu --date %s --days %d", (unsigned long long)o->seed, o->date_s,
		o->days);
	if (o->history)
		fprintf(f, " --history %d", o->history);
	if (o->wash_bays >= 0)
		fprintf(f, " --wash-bays %d", o->wash_bays);
	fprintf(f, " --out DIR\n\n");
}

static void write_shop_info(FILE *f, const struct shop *sh)
{
	char name[96];
	if (sh->o.size->shop_name)
		snprintf(name, sizeof name, "%s", sh->o.size->shop_name);
	else
		snprintf(name, sizeof name, "Bench shop %s (seed %llu)", sh->o.size->name,
			 (unsigned long long)sh->o.seed);
	fprintf(f, "shop:\n  name: ");
	q(f, name);
	fprintf(f, "\n  slot_minutes: 15\n  open: ");
	qtime(f, OPEN);
	fprintf(f, "\n  close: ");
	qtime(f, CLOSE);
	int wash = sh->o.wash_bays >= 0 ? sh->o.wash_bays : sh->o.size->wash_bays;
	fprintf(f, "\n  overtime_minutes: %d\n  advisors: %d\n  advisor_checkins_per_hour: 4\n"
		"  loan_cars: %d\n", OVERTIME, sh->o.size->advisors, sh->o.size->loan_cars);
	if (wash)
		fprintf(f, "  wash_bays: %d\n", wash);
	fputc('\n', f);

	fprintf(f, "skills: [");
	for (int s = 0; s < NSKILL; s++)
		fprintf(f, "%s%s", s ? ", " : "", skill_id[s]);
	fprintf(f, "]\n\nbay_types:\n");
	for (int t = 0; t < NBT; t++) {
		if (t == BT_HEAVY && !sh->has_heavy)
			continue;
		fprintf(f, "  - {id: %s%s}\n", bay_type_id[t], t ? ", also: [general]" : "");
	}
	fprintf(f, "\nwindows: [");
	for (int k = 0; k < NWIN; k++) {
		fprintf(f, "%s", k ? ", " : "");
		qspan(f, windows[k]);
	}
	fprintf(f, "]\n\n");
}

static void write_floor(FILE *f, const struct shop *sh)
{
	int seq[NBT] = {0};
	fprintf(f, "bays:\n");
	for (int b = 0; b < sh->nbays; b++) {
		const struct bay *y = &sh->bays[b];
		fprintf(f, "  - {id: \"%c%d\", type: %s", bay_prefix[y->type], ++seq[y->type],
			bay_type_id[y->type]);
		if (y->closed >= 0) {
			fprintf(f, ", closed: [");
			qspan(f, closings[y->closed]);
			fprintf(f, "]");
		}
		fprintf(f, "}\n");
	}

	fprintf(f, "\ntechnicians:\n");
	for (int t = 0; t < sh->ntechs; t++) {
		const struct tech *x = &sh->techs[t];
		const struct role *ro = &roles[x->role];
		char id[16];
		snprintf(id, sizeof id, "\"T%d\"", t + 1);
		fprintf(f, "  - id: %-6s  # %s\n    name: ", id, ro->name);
		q(f, x->name);
		fprintf(f, "\n    shift: ");
		qspan(f, shifts[x->shift].work);
		fprintf(f, "\n    breaks: [");
		qspan(f, shifts[x->shift].brk);
		fprintf(f, "]\n    skills: {");
		for (int s = 0, c = 0; s < NSKILL; s++)
			if (ro->level[s])
				fprintf(f, "%s%s: %d", c++ ? ", " : "", skill_id[s], ro->level[s]);
		fprintf(f, "}\n    cost_per_hour: %.2f\n    overtime_cost_per_hour: %.2f\n",
			ro->cost, ro->overtime_cost);
	}
}

/* After the work: a quality check for every car (10 min); servicing and
 * engine work also get a wash (10 min more, in a wash bay). Fixed per
 * service, so the random draws (and so the bookings) stay as they were. */
static int svc_wash(int s)
{
	return services[s].skill == SK_MAINT || services[s].skill == SK_ENGINE ? 10 : 0;
}

static void write_services(FILE *f, const struct shop *sh)
{
	fprintf(f, "\nservices:\n");
	for (int s = 0; s < NSVC; s++) {
		const struct svcdef *v = &services[s];
		fprintf(f, "  - code: ");
		q(f, v->code);
		fprintf(f, "\n    name: ");
		q(f, v->name);
		fprintf(f, "\n    skill: %s\n    level: %d\n    bay: %s\n    minutes: {",
			skill_id[v->skill], v->level, bay_type_id[svc_bay(sh, s)]);
		for (int l = 1, c = 0; l <= 3; l++)
			if (v->minutes[l])
				fprintf(f, "%s%d: %d", c++ ? ", " : "", l, v->minutes[l]);
		fprintf(f, "}\n    handover_minutes: %d\n", 10 + svc_wash(s));
		if (svc_wash(s))
			fprintf(f, "    wash_minutes: %d\n", svc_wash(s));
		if (v->parts[0].sku) {
			fprintf(f, "    parts: {");
			for (int k = 0; k < 8 && v->parts[k].sku; k++) {
				fprintf(f, "%s", k ? ", " : "");
				q(f, v->parts[k].sku);
				fprintf(f, ": %d", v->parts[k].qty);
			}
			fprintf(f, "}\n");
		}
	}
}

static void write_parts(FILE *f, const struct shop *sh)
{
	fprintf(f, "\nparts:\n");
	for (int p = 0; p < NPART; p++) {
		const struct partdef *d = &parts[p];
		fprintf(f, "  - sku: ");
		q(f, d->sku);
		fprintf(f, "\n    name: ");
		q(f, d->name);
		fprintf(f, "\n    on_hand: %d\n", sh->on_hand[p]);
		if (sh->order_qty[p]) {
			char b[20];
			bp_datetime_format(sh->o.date, sh->order_at[p], b, sizeof b);
			fprintf(f, "    on_order: [{qty: %d, arrives: \"%s\"}]\n", sh->order_qty[p],
				b);
		}
		fprintf(f, "    supply: %s\n    unit_cost: %.2f\n    pack: %d\n    min_order: %d\n"
			   "    service_level: %.2f\n",
			d->rare ? "rare" : "common", d->cost, d->pack, d->min_order,
			d->service_level);
	}
}

static const char *const tier_name[3] = {"core", "potential", "basic"};

static void write_jobs(FILE *f, const struct shop *sh)
{
	fprintf(f, "\njobs:\n");
	for (int i = 0; i < sh->njobs; i++) {
		const struct job *j = &sh->jobs[i];
		char date[12];
		bp_date_format(j->day, date, sizeof date);
		fprintf(f, "  - {id: \"RO-%05d\", date: \"%s\", service: ", 10001 + i, date);
		q(f, services[j->svc].code);
		fprintf(f, ", tier: %s, ", tier_name[j->tier]);
		if (j->win >= 0) {
			fprintf(f, "window: ");
			qspan(f, windows[j->win]);
		} else {
			fprintf(f, "arrival: ");
			qtime(f, j->arrival);
		}
		fprintf(f, ", promised: ");
		qtime(f, j->promised);
		fprintf(f, ", waiting: %s", j->waiting ? "true" : "false");
		if (j->minutes)
			fprintf(f, ", minutes: %d", j->minutes);
		if (j->extra >= 0) {
			fprintf(f, ", parts: {");
			q(f, parts[j->extra].sku);
			fprintf(f, ": %d}", j->extra_qty);
		}
		if (j->tech >= 0)
			fprintf(f, ", technician: \"T%d\"", j->tech + 1);
		/* One customer in twelve who leaves the car takes a loan car; by
		 * index, so that no random draw moves. */
		if (!j->waiting && i % 12 == 5)
			fprintf(f, ", loan_car: true");
		fprintf(f, "}\n");
	}
}

static int write_shop(const struct shop *sh, const char *path, struct bp_err *err)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return bp_err_set(err, BP_EIO, "cannot write %s: %s", path, strerror(errno));
	write_header(f, sh);
	write_shop_info(f, sh);
	write_floor(f, sh);
	write_services(f, sh);
	write_parts(f, sh);
	write_jobs(f, sh);
	if (sh->o.history)
		fprintf(f, "\nhistory:\n  part_demand: \"demand.csv\"\n"
			   "  actuals: \"actuals.csv\"\n");
	if (ferror(f) | fclose(f))
		return bp_err_set(err, BP_EIO, "cannot write %s", path);
	return BP_OK;
}

/* ---- History: what happened on the days before ---- */

struct hist_job {
	int svc, tier, win, no_show;
	int arrived, started, finished, tech;
	int extra, extra_qty;
};

static int cmp_arrival(const void *a, const void *b)
{
	const struct hist_job *x = *(const struct hist_job *const *)a;
	const struct hist_job *y = *(const struct hist_job *const *)b;
	if (x->arrived != y->arrived)
		return x->arrived < y->arrived ? -1 : 1;
	return x < y ? -1 : x > y;   /* ties in booking order, whatever qsort does */
}

/* The actual minutes: noisy around the technician's standard, and the
 * bottleneck technician clearly slower on everything they do. */
static int actual_minutes(const struct shop *sh, struct rng *r, int t, int s)
{
	double m = services[s].minutes[tech_level(sh, t, s)] * exp(0.18 * rng_normal(r));
	if (t == sh->bottleneck)
		m *= 1.3;
	return (int)lround(m < 10 ? 10 : m);
}

/* When technician t can start work that becomes ready at `ready`, and when it
 * ends (lunch is taken in the middle of a job rather than skipped). */
static void place(const struct shop *sh, int t, int ready, int free_at, int dur, int *st, int *fin)
{
	const struct shift *s = &shifts[sh->techs[t].shift];
	int a = ready > free_at ? ready : free_at;
	if (a < s->work.start)
		a = s->work.start;
	if (a >= s->brk.start && a < s->brk.end)
		a = s->brk.end;
	int e = a + dur;
	if (a < s->brk.start && e > s->brk.start)
		e += s->brk.end - s->brk.start;
	*st = a;
	*fin = e;
}

/* A dispatcher's day: cars in order of arrival, each to the qualified
 * technician who can start soonest, preferring the least over-qualified. */
static void simulate_day(const struct shop *sh, struct rng *r, struct hist_job *hj, int n)
{
	struct hist_job *ord[2048];
	int free_at[MAX_TECHS], m = 0;
	for (int t = 0; t < sh->ntechs; t++)
		free_at[t] = 0;
	for (int i = 0; i < n && m < 2048; i++)
		if (!hj[i].no_show)
			ord[m++] = &hj[i];
	qsort(ord, (size_t)m, sizeof ord[0], cmp_arrival);
	for (int i = 0; i < m; i++) {
		struct hist_job *j = ord[i];
		int ready = j->arrived + 10 + rng_int(r, 11);   /* reception and check-in */
		int best = -1, best_score = 0, best_st = 0, best_fin = 0;
		for (int t = 0; t < sh->ntechs; t++) {
			int lv = tech_level(sh, t, j->svc);
			if (!lv)
				continue;
			int st, fin, dur = services[j->svc].minutes[lv];
			place(sh, t, ready, free_at[t], dur, &st, &fin);
			int score = st + 20 * (lv - services[j->svc].level);
			if (best < 0 || score < best_score) {
				best = t;
				best_score = score;
			}
		}
		int dur = actual_minutes(sh, r, best, j->svc);
		place(sh, best, ready, free_at[best], dur, &best_st, &best_fin);
		j->tech = best;
		j->started = best_st;
		j->finished = best_fin;
		free_at[best] = best_fin;
	}
}

static void draw_arrival(struct rng *r, struct hist_job *j)
{
	struct bp_span w = windows[j->win];
	double u = rng_u01(r);
	if (u < 0.08)
		j->arrived = w.start - 5 - rng_int(r, 16);
	else if (u < 0.86)
		j->arrived = w.start + (int)((w.end - w.start) * pow(rng_u01(r), 1.6));
	else
		j->arrived = w.end + 5 + rng_int(r, 56);
}

struct hist_stats {
	int days, jobs, no_shows, late, after_close;
};

static int write_history(struct shop *sh, const char *dir, struct hist_stats *hs,
			 struct bp_err *err)
{
	char pd[1024], pa[1024];
	snprintf(pd, sizeof pd, "%s/demand.csv", dir);
	snprintf(pa, sizeof pa, "%s/actuals.csv", dir);
	FILE *fd = fopen(pd, "w"), *fa = fopen(pa, "w");
	if (!fd || !fa) {
		if (fd)
			fclose(fd);
		if (fa)
			fclose(fa);
		return bp_err_set(err, BP_EIO, "cannot write %s: %s", !fd ? pd : pa,
				  strerror(errno));
	}
	fprintf(fd, "date,sku,qty\n");
	fprintf(fa, "job_id,date,service,tier,window,technician,arrived,started,finished,no_show\n");
	memset(hs, 0, sizeof *hs);
	struct hist_job *hj = calloc(2048, sizeof *hj);
	if (!hj) {
		fclose(fd);
		fclose(fa);
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	}
	static const double no_show_rate[3] = {0.04, 0.08, 0.14};
	set_limits(sh, 1.0);
	int seq = 0;
	for (int h = sh->o.history; h >= 1; h--) {
		int day = sh->o.date - h;
		struct rng r = rng_stream(sh->o.seed, 0x200000000ULL + (uint64_t)day);
		int n = (int)lround(sh->o.size->jobs * rng_uniform(&r, 0.85, 1.0) *
				    day_share(day) / 100.0);
		if (n > 2048)
			n = 2048;
		int count[NSVC] = {0};
		for (int i = 0; i < n; i++) {
			struct hist_job *j = &hj[i];
			memset(j, 0, sizeof *j);
			j->svc = draw_service(sh, &r, count);
			j->tier = pick_tier(&r);
			struct job tmp = {.svc = j->svc};
			pick_timing(&r, &tmp, 0);
			j->win = tmp.win;
			j->no_show = rng_u01(&r) < no_show_rate[j->tier];
			draw_arrival(&r, j);
			j->extra = -1;
			/* Diagnosis finds more on the day than was known at booking. */
			if (rng_u01(&r) < 0.12) {
				tmp.extra = -1;
				pick_extra(&r, &tmp);
				j->extra = tmp.extra;
				j->extra_qty = tmp.extra_qty;
			}
		}
		simulate_day(sh, &r, hj, n);

		int use[NPART] = {0};
		char date[12];
		bp_date_format(day, date, sizeof date);
		for (int i = 0; i < n; i++) {
			struct hist_job *j = &hj[i];
			char win[16], a[20] = "", s[20] = "", e[20] = "", t[16] = "";
			bp_span_format(windows[j->win], win, sizeof win);
			if (!j->no_show) {
				struct job tmp = {.svc = j->svc, .extra = j->extra,
						  .extra_qty = j->extra_qty};
				need_parts(&tmp, use);
				bp_datetime_format(day, j->arrived, a, sizeof a);
				bp_datetime_format(day, j->started, s, sizeof s);
				bp_datetime_format(day, j->finished, e, sizeof e);
				snprintf(t, sizeof t, "T%d", j->tech + 1);
				hs->late += j->arrived > windows[j->win].end;
				hs->after_close += j->finished > CLOSE + OVERTIME;
			}
			hs->no_shows += j->no_show;
			fprintf(fa, "H-%05d,%s,%s,%s,%s,%s,%s,%s,%s,%d\n", ++seq, date,
				services[j->svc].code, tier_name[j->tier], win, t, a, s, e,
				j->no_show);
		}
		for (int p = 0; p < NPART; p++)
			fprintf(fd, "%s,%s,%d\n", date, parts[p].sku, use[p]);
		hs->days++;
		hs->jobs += n;
	}
	free(hj);
	int bad = ferror(fd) | ferror(fa);
	bad |= fclose(fd);
	bad |= fclose(fa);
	if (bad)
		return bp_err_set(err, BP_EIO, "cannot write the history files in %s", dir);
	return BP_OK;
}

/* ---- Command line ---- */

static const char usage[] =
	"usage: bp-gen --size S|M|L|XL|10k|demo [--overload F] [--seed N] [--date YYYY-MM-DD]\n"
	"              [--days N] [--history DAYS] [--wash-bays N] --out DIR\n";

static int parse_args(int argc, char **argv, struct opts *o, struct bp_err *err)
{
	const char *size = NULL, *seed = "1";
	memset(o, 0, sizeof *o);
	o->overload = 1.0;
	o->days = 1;
	o->wash_bays = -1;
	o->date_s = "2026-11-24";
	struct bp_opt opts[] = {
		BP_STR_OPT("size", &size, "S|M|L|XL|10k|demo", "the shop (required)"),
		BP_NUM_OPT("overload", &o->overload, "F", "multiply the bookings (default 1)"),
		BP_STR_OPT("seed", &seed, "N", "the random seed (default 1)"),
		BP_STR_OPT("date", &o->date_s, "D", "the first booked day (default 2026-11-24)"),
		BP_INT_OPT("days", &o->days, "N", "days of bookings (default 1)"),
		BP_INT_OPT("history", &o->history, "DAYS", "also write DAYS of history CSVs"),
		BP_STR_OPT("out", &o->out, "DIR", "where shop.yaml goes (required)"),
		BP_INT_OPT("wash-bays", &o->wash_bays, "N", "wash bays (default: none, the demo one)"),
	};
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc - 1, argv + 1, opts, BP_NOPTS(opts), pos, 0, &npos, err);
	if (rc)
		return rc;
	for (int i = 0; size && i < NSIZE; i++)
		if (strcmp(size, sizes[i].name) == 0)
			o->size = &sizes[i];
	if (!o->size)
		return bp_err_set(err, BP_EUSAGE, "--size wants S, M, L, XL, 10k or demo%s%s",
				  size ? ", not " : "", size ? size : "");
	if (!o->out)
		return bp_err_set(err, BP_EUSAGE, "--out DIR is required");
	char *end;
	errno = 0;
	o->seed = strtoull(seed, &end, 10);
	if (errno || *end || end == seed || *seed == '-')
		return bp_err_set(err, BP_EUSAGE, "--seed wants a whole number, not '%s'", seed);
	if (!(o->overload >= 0.1 && o->overload <= 32.0))
		return bp_err_set(err, BP_EUSAGE, "--overload wants a factor in 0.1-32, not %g",
				  o->overload);
	if (bp_date_parse(o->date_s, &o->date))
		return bp_err_set(err, BP_EUSAGE, "--date wants YYYY-MM-DD, not '%s'", o->date_s);
	if (o->days < 1 || o->days > MAX_DAYS)
		return bp_err_set(err, BP_EUSAGE, "--days wants 1-%d, not %d", MAX_DAYS, o->days);
	if (o->wash_bays < -1 || o->wash_bays > 100)
		return bp_err_set(err, BP_EUSAGE, "--wash-bays wants 0-100, not %d", o->wash_bays);
	if (o->history < 0 || o->history > MAX_HISTORY)
		return bp_err_set(err, BP_EUSAGE, "--history wants 0-%d days, not %d", MAX_HISTORY,
				  o->history);
	return BP_OK;
}

static void summary(const struct shop *sh, const struct hist_stats *hs)
{
	long booked = 0;
	for (int i = 0; i < sh->day_jobs[0]; i++)
		booked += job_minutes(&sh->jobs[i]);
	fprintf(stderr, "bp-gen: %s seed %llu: %d bays, %d technicians, %d jobs on %s",
		sh->o.size->name, (unsigned long long)sh->o.seed, sh->nbays, sh->ntechs,
		sh->day_jobs[0], sh->o.date_s);
	if (sh->o.days > 1) {
		fprintf(stderr, " (then");
		for (int d = 1; d < sh->o.days; d++)
			fprintf(stderr, " %d", sh->day_jobs[d]);
		fprintf(stderr, ")");
	}
	fprintf(stderr, "\nbp-gen: first day books %ld of %d technician minutes (%.0f %%)\n",
		booked, sh->capacity, 100.0 * booked / sh->capacity);
	fprintf(stderr, "bp-gen: short:");
	for (int p = 0; p < NPART; p++)
		if (sh->day0_need[p] > sh->on_hand[p])
			fprintf(stderr, " %s(%s %d/%d%s)", parts[p].sku,
				parts[p].rare ? "rare" : "common", sh->on_hand[p], sh->day0_need[p],
				sh->order_qty[p] ? " +order" : "");
	fprintf(stderr, "\n");
	if (hs->days)
		fprintf(stderr, "bp-gen: history %d days, %d jobs, %d no-shows, %d late arrivals, "
				"%d finished after %d:00; T%d is the slow one\n",
			hs->days, hs->jobs, hs->no_shows, hs->late, hs->after_close,
			(CLOSE + OVERTIME) / 60, sh->bottleneck + 1);
}

int main(int argc, char **argv)
{
	struct bp_err err;
	struct shop *sh = calloc(1, sizeof *sh);
	struct hist_stats hs = {0};
	char path[1024];
	bp_err_clear(&err);
	if (!sh) {
		fprintf(stderr, "bp-gen: out of memory\n");
		return BP_EINTERNAL;
	}
	int rc = parse_args(argc, argv, &sh->o, &err);
	if (rc == BP_HELP) {
		free(sh);
		return 0;
	}
	if (rc) {
		fprintf(stderr, "bp-gen: %s\n%s", err.msg, usage);
		free(sh);
		return rc;
	}
	if (mkdir(sh->o.out, 0777) && errno != EEXIST) {
		fprintf(stderr, "bp-gen: cannot create %s: %s\n", sh->o.out, strerror(errno));
		free(sh);
		return BP_EIO;
	}
	build_floor(sh);
	tilt_mix(sh);
	rc = book_days(sh);
	if (!rc) {
		stock_parts(sh);
		snprintf(path, sizeof path, "%s/shop.yaml", sh->o.out);
		rc = write_shop(sh, path, &err);
	}
	if (!rc && sh->o.history)
		rc = write_history(sh, sh->o.out, &hs, &err);
	if (rc)
		fprintf(stderr, "bp-gen: %s\n", err.msg[0] ? err.msg : "out of memory");
	else
		summary(sh, &hs);
	free(sh->jobs);
	free(sh);
	return rc;
}
