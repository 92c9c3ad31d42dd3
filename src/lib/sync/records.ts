/** A device's own request, as GET /api/v1/requests describes it. */
export interface OwnRequest {
	id: string;
	reference: string;
	formId: string;
	serviceId: string;
	status: 'received' | 'in_progress' | 'done' | 'refused';
	statusMessage: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface OwnAppointment {
	id: string;
	reference: string;
	serviceId: string;
	appointmentTypeId: string;
	start: string;
	end: string;
	status: 'booked' | 'cancelled';
	/** Set when the town hall cancelled it (the office closed that day): why, in its words. */
	statusMessage: string | null;
	updatedAt: string;
}
