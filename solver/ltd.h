/*
 * ltd.h - demand over a part's protection interval as a distribution on
 * whole units, and the fill-rate arithmetic of a list drawn up once per
 * review period that raises the stock position to an order-up-to level S.
 *
 * A day's demand of an intermittent part is 0 or one of the non-zero
 * quantities its history holds (a compound Bernoulli day; Willemain's
 * bootstrap of lead-time demand, computed exactly by convolution instead
 * of by sampling, so it is deterministic and has no sampling error). The
 * normal approximation (z x sigma x sqrt(L + R)) treats a lumpy part's
 * rare large order as a far tail; here it has the weight it had in the
 * history. Poisson and negative binomial days are here for parts whose
 * history gives no sizes.
 *
 * Fill rate (the share of units demanded that stock serves), for a review
 * period R and a lead time L, order-up-to S (Hadley-Whitin):
 *   short(S) = E[(D(L+R) - S)+] - E[(D(L) - S)+]
 *   fill(S)  = 1 - short(S) / E[D(L+R) - D(L)]
 * D(t) over t = n + f days is the sum of n whole days plus the share f of
 * the next one (demand is spread evenly over opening hours, as the reorder
 * program spreads its forecast).
 *
 * That is the backorder arithmetic: a unit short waits for the next
 * delivery and takes a unit of it. A counter's customer who finds the
 * shelf empty buys elsewhere (lost sales), so the delivery restores more
 * than S - D(L), and the backorder fill understates the fill by 2-5 points
 * at fills of 0.80-0.90 (0.3 at 0.97). bp_ltd_lost switches a model to
 * lost sales, approximated one cycle back: the stock a delivery brings the
 * shelf to is I = max(S - D(L), min(S, Dp)) (what the shelf held at the
 * order, (S - Dp)+ after the previous period's demand Dp, covered the lead
 * demand up to that), and the units lost per period E[(D' - I)+], Dp and
 * D' each one review period's demand. Against a simulation of the policy
 * it lies between the backorder fill and the true lost-sales fill, within
 * half a point of the latter above 0.90 (tests/test_ltd.c).
 */
#ifndef BP_LTD_H
#define BP_LTD_H

/* Supports wider than this are left to the normal approximation: a part
 * that sells thousands a day is smooth enough for it. */
#define BP_LTD_MAX_SUPPORT 20000

/* P(D = k) for k = 0 .. n - 1, and after bp_pmf_finish its loss function
 * E[(D - k)+] and tail P(D > k) for k = 0 .. n. */
struct bp_pmf {
	int n;
	double *p;
	double *loss;
	double *tail;
	double mean;
};

void bp_pmf_free(struct bp_pmf *d);
/* Zero demand: P(D = 0) = 1. 0 ok, -1 out of memory (for all builders). */
int bp_pmf_zero(struct bp_pmf *out);
/* Poisson(mean), cut where the tail left is below eps (it goes to the
 * last point, so the mean is kept within eps x n). */
int bp_pmf_poisson(double mean, double eps, struct bp_pmf *out);
/* Negative binomial by moments (mean, var > mean); Poisson when var <= mean. */
int bp_pmf_negbin(double mean, double var, double eps, struct bp_pmf *out);
/* One day: 0 with probability 1 - q, else size[i] with probability
 * q x count[i] / sum(count). Sizes >= 1; q in [0, 1]. */
int bp_pmf_compound(double q, const int *size, const int *count, int n, struct bp_pmf *out);
/* The sum of two independent demands. */
int bp_pmf_convolve(const struct bp_pmf *a, const struct bp_pmf *b, struct bp_pmf *out);
/* Mean, loss and tail; needed before bp_pmf_loss. 0 ok, -1 out of memory. */
int bp_pmf_finish(struct bp_pmf *d);
/* E[(D - x)+] for any real x (piecewise linear between whole units). */
double bp_pmf_loss(const struct bp_pmf *d, double x);

/* D(L+R) and D(L) of one part, each as whole days + f x the next day. */
struct bp_ltd {
	struct bp_pmf cover, cover_next;   /* D(L+R) = cover + cover_f x cover_next */
	double cover_f;
	struct bp_pmf lead, lead_next;     /* D(L) = lead + lead_f x lead_next */
	double lead_f;
	double cycle_mean;                 /* E[D(L+R)] - E[D(L)]: demand per review */
	double cover_mean;                 /* E[D(L+R)] */
	/* lost sales (bp_ltd_lost): one review period's demand, its cdf, the
	 * prefix sums of p(b) x E[(D' - b)+], and the lost units' terms at
	 * whole units (ltd.c, lost_short) */
	int lost;
	struct bp_pmf period;
	double *pcdf, *pg, *hk, *hs;
};

void bp_ltd_free(struct bp_ltd *m);
/* From day[0] (the first day after the review) on: ndays must be more
 * than lead + review. 0 ok, -1 out of memory or support too wide. */
int bp_ltd_build(const struct bp_pmf *day, int ndays, double lead, double review,
		 struct bp_ltd *out);
/* Lost sales from here on: day[] as given to bp_ltd_build; the review
 * period is the whole days after the lead's whole days. 0 ok, -1 out of
 * memory or support too wide (the model is left as it was). */
int bp_ltd_lost(struct bp_ltd *m, const struct bp_pmf *day, int ndays, double lead,
		double review);
/* Expected units short (backorders) or lost in one review period at
 * order-up-to S. */
double bp_ltd_short(const struct bp_ltd *m, double S);
/* Fill rate at order-up-to S; batch > 1: orders come in multiples of it,
 * so the position after ordering is spread over S .. S + batch - 1 and
 * the fill is the mean over it. 1 when nothing is demanded. */
double bp_ltd_fill(const struct bp_ltd *m, double S, int batch);
/* The least S whose fill reaches target (in (0, 1)); within 1e-9. The
 * fill is piecewise linear between whole units, and where the stock is
 * held it rounds up to a whole unit. */
double bp_ltd_level(const struct bp_ltd *m, double target, int batch);

/* Standard normal loss E[(Z - k)+] = phi(k) - k (1 - Phi(k)). */
double bp_normal_loss(double k);
/* The k with sigma x normal_loss(k) = short, for the fill-rate safety
 * factor of smooth parts: short = (1 - fill) x demand per review. */
double bp_normal_loss_inverse(double ratio);

#endif
