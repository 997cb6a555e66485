// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A whole personalization in one call: ENABLE, VERIFY, a PUT per element,
 * LOCK, over any transport, each command reported to the caller.
 */
#include <errno.h>
#include <string.h>

#include "transport.h"

struct run {
	struct persocard_transport *t;
	unsigned int flags;
	persocard_step_fn fn;
	void *data;
};

/* Tell the caller how @step went; return @ret with errno kept. */
static int report(struct run *r, struct persocard_step *step, int ret)
{
	int err = errno, state;

	step->error = ret ? err : 0;
	step->sw = r->t->last_sw;
	if (!ret && (r->flags & PERSOCARD_PERSO_STATE)) {
		state = r->t->ops->state(r->t);
		step->state = state < 0 ? 0 : state;
		/* The command's status word, not GET STATUS's. */
		r->t->last_sw = step->sw;
	}
	if (r->fn)
		r->fn(step, r->data);
	errno = err;
	return ret;
}

PERSOCARD_API int persocard_personalize(struct persocard_transport *t,
					struct persocard_datafile *df,
					const void *code, size_t code_len,
					unsigned int flags,
					persocard_step_fn fn, void *data)
{
	const struct persocard_profile *prof;
	uint16_t missing[PERSOCARD_MAX_TAGS];
	struct run r = { t, flags, fn, data };
	struct persocard_step step;
	const uint8_t *value;
	size_t i, n;

	if (!t || !df || (!code && code_len) || (flags & ~PERSOCARD_PERSO_STATE) ||
	    code_len < PERSOCARD_CODE_MIN_LEN ||
	    code_len > PERSOCARD_CODE_MAX_LEN) {
		errno = EINVAL;
		return -1;
	}
	prof = t->ops->profile(t);
	if (!prof)
		return -1;
	/* Nothing is sent before the file is known to fit the card. */
	if (!datafile_checked(df, prof) &&
	    persocard_datafile_check(df, prof, NULL))
		return -1;

	memset(&step, 0, sizeof(step));
	step.cmd = PERSOCARD_STEP_ENABLE;
	if (report(&r, &step, t->ops->enable(t)))
		return -1;

	memset(&step, 0, sizeof(step));
	step.cmd = PERSOCARD_STEP_VERIFY;
	if (report(&r, &step, t->ops->verify(t, code, code_len)))
		return -1;

	n = persocard_datafile_get_nr_elements(df);
	for (i = 0; i < n; i++) {
		memset(&step, 0, sizeof(step));
		step.cmd = PERSOCARD_STEP_PUT;
		step.tag = persocard_datafile_get_tag(df, i);
		step.line = persocard_datafile_get_line(df, i);
		value = persocard_datafile_get_value(df, i, &step.len);
		if (report(&r, &step, t->ops->put(t, step.tag->tag, value,
						  step.len)))
			return -1;
	}

	memset(&step, 0, sizeof(step));
	step.cmd = PERSOCARD_STEP_LOCK;
	step.missing = missing;
	return report(&r, &step, t->ops->lock(t, missing, &step.nr_missing));
}
