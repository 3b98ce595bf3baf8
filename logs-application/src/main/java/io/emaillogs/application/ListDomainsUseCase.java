package io.emaillogs.application;

import io.emaillogs.domain.account.SendingDomain;
import java.util.List;

/**
 * The sending domains of the caller's own account, for a client that offers them to pick one to
 * stream (the browser viewer's live tail). Not in the SPEC: an addition documented in the README.
 */
public interface ListDomainsUseCase {

  /** Every domain registered to {@code accountId}, verified or not, ordered by name. */
  List<SendingDomain> list(long accountId);
}
